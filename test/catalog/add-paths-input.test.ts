import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputPath } from '../../src/engine/ingest/input-path';
import { call, testEngine } from '../helpers/engine';
import { writeFile } from '../helpers/files';
import { tempDir } from '../helpers/temp-dir';

describe('the paths given to assets.addPaths', () => {
  it('refuses a relative path and a NUL with E_VALIDATION, reading nothing', async () => {
    const engine = testEngine();
    for (const bad of ['footage/a.mp4', './a.mp4', '../a.mp4', 'a.mp4', '/tmp/a\0.mp4']) {
      const answer = await engine.dispatch('assets.addPaths', { paths: [bad] });
      expect(answer, bad).toMatchObject({
        ok: false,
        error: {
          code: 'E_VALIDATION',
          message: expect.stringMatching(/is not a full path|NUL character/),
        },
      });
    }
    const page = await call(engine, 'assets.search', {});
    expect(page.items).toHaveLength(0);
  });

  it('reads a file:// address as the file it names', async () => {
    const root = tempDir('dailies-media-');
    const file = writeFile(path.join(root, 'with space é.mp4'), 'from a file manager');
    const engine = testEngine();
    const report = await call(engine, 'assets.addPaths', { paths: [pathToFileURL(file).href] });
    expect(report).toMatchObject({ added: 1, problems: [] });
    const asset = await call(engine, 'assets.get', { id: report.assetIds[0]! });
    expect(asset.locations[0]?.path).toBe(file);
  });

  it('expands ~/ to the home folder', () => {
    expect(inputPath('~/Movies/a.mp4', '/home/editor')).toBe('/home/editor/Movies/a.mp4');
    expect(inputPath('~', '/home/editor')).toBe('/home/editor');
    expect(inputPath('/abs/a.mp4', '/home/editor')).toBe('/abs/a.mp4');
    expect(() => inputPath('~other/a.mp4', os.homedir())).toThrow(/not a full path/);
  });
});
