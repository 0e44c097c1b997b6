import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopStillUrl } from '../../src/shared/media-urls';
import { createMediaProtocolHandler, resolveStillFile } from '../../src/main/window/media-protocol';
import { tempDir } from '../helpers/temp-dir';

describe('dailies-media:// (asset stills in the desktop app)', () => {
  it('names only the three still files of a numeric asset id inside the stills folder', () => {
    const dir = '/home/editor/.config/Dailies/stills';
    expect(resolveStillFile(dir, desktopStillUrl(12, 'thumbnail', 4))).toEqual({
      path: `${dir}/12/thumbnail.jpg`,
      file: 'thumbnail.jpg',
    });
    expect(resolveStillFile(dir, 'dailies-media://assets/12/filmstrip.json')?.path).toBe(
      `${dir}/12/filmstrip.json`,
    );
    for (const url of [
      'dailies-media://assets/12/../../secrets.db',
      'dailies-media://assets/12/%2e%2e/%2e%2e/catalog.db',
      'dailies-media://assets/12/..%2F..%2Fcatalog.db',
      'dailies-media://assets/12%2F..%2F..%2Fcatalog.db',
      'dailies-media://assets/12/thumbnail.jpg%00',
      'dailies-media://assets/0/thumbnail.jpg',
      'dailies-media://assets/012/thumbnail.jpg',
      'dailies-media://assets/12/catalog.db',
      'dailies-media://assets/12/THUMBNAIL.JPG',
      'dailies-media://other/12/thumbnail.jpg',
      'dailies-app://app/12/thumbnail.jpg',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect({ url, file: resolveStillFile(dir, url) }).toEqual({ url, file: null });
    }
  });

  it('answers a still with its content type and a version-keyed cache, and 404 for a missing one', async () => {
    const dir = tempDir('dailies-stills-');
    fs.mkdirSync(path.join(dir, '3'));
    fs.writeFileSync(path.join(dir, '3', 'thumbnail.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const handle = createMediaProtocolHandler(dir);

    const ok = await handle(new Request(desktopStillUrl(3, 'thumbnail', 2)));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(ok.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));

    expect((await handle(new Request(desktopStillUrl(3, 'filmstrip', 2)))).status).toBe(404);
    expect((await handle(new Request('dailies-media://assets/3/../x'))).status).toBe(404);
  });
});
