import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/contract';
import { createEngine } from '../../src/engine/create-engine';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { writeFile } from '../helpers/files';
import { tempDir } from '../helpers/temp-dir';

describe('ingest', () => {
  it('adds nested folders, merges identical content into one asset with two locations and skips hidden and non-video files', async () => {
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'a', '12_the-dark-knight.mp4'), 'movie one');
    writeFile(path.join(root, 'a', 'b', 'copy of knight.MOV'), 'movie one');
    writeFile(path.join(root, 'a', 'b', 'c', 'other.mkv'), 'movie two');
    writeFile(path.join(root, '.hidden.mp4'), 'hidden');
    writeFile(path.join(root, '.cache', 'inside.mp4'), 'hidden folder');
    writeFile(path.join(root, 'Thumbs.db'), 'system');
    writeFile(path.join(root, 'notes.txt'), 'not a video');
    const engine = testEngine();

    const report = await call(engine, 'assets.addPaths', { paths: [root] });

    expect(report).toMatchObject({ filesFound: 3, added: 2, duplicates: 1, problems: [] });
    expect(report.skipped).toBe(4);
    const page = await call(engine, 'assets.search', {
      sort: { field: 'fileName', direction: 'asc' },
    });
    expect(page.items).toHaveLength(2);
    const knight = page.items.find((asset) => asset.contentId === 12);
    expect(knight).toMatchObject({
      title: 'The Dark Knight',
      slug: 'the-dark-knight',
      ageRating: 'ALL',
      status: 'new',
      needsAnalysis: true,
      sizeBytes: 9,
    });
    expect(knight?.sha256).toBe(
      execFileSync('sha256sum', [path.join(root, 'a', '12_the-dark-knight.mp4')])
        .toString()
        .split(' ')[0],
    );
    expect(knight?.locations.map((location) => location.fileName).sort()).toEqual([
      '12_the-dark-knight.mp4',
      'copy of knight.MOV',
    ]);
  });

  it('takes audio files (.m4a, .wav, .mp3) by default, so analysis can flag them as audio only', async () => {
    const root = tempDir('dailies-media-');
    for (const name of ['voice.m4a', 'room-tone.WAV', 'temp-score.mp3'])
      writeFile(path.join(root, name), `audio ${name}`);
    const engine = testEngine();
    const report = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(report).toMatchObject({ filesFound: 3, added: 3, skipped: 0, problems: [] });
  });

  it('reports a folder without videos clearly instead of silently doing nothing', async () => {
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'readme.txt'), 'x');
    const engine = testEngine();
    const report = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(report.added).toBe(0);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'E_NOT_MEDIA',
        message: expect.stringContaining('No video files'),
      }),
    ]);
  });

  it('reports unreadable entries and goes on with the rest of the batch', async () => {
    // Tests run as root, for whom chmod 000 does not make a file unreadable. Unreadable here
    // means: a link to nothing, a named pipe called like a video (opening it would block),
    // a symlink loop, and a path longer than the system allows.
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'good.mp4'), 'good');
    fs.symlinkSync(path.join(root, 'nowhere.mp4'), path.join(root, 'dangling.mp4'));
    execFileSync('mkfifo', [path.join(root, 'pipe.mp4')]);
    fs.symlinkSync(root, path.join(root, 'loop'));
    fs.symlinkSync(path.join(root, 'self.mp4'), path.join(root, 'self.mp4'));
    const tooLong = path.join(root, `${'x'.repeat(300)}.mp4`);
    const engine = testEngine();

    const report = await call(engine, 'assets.addPaths', { paths: [root, tooLong] });

    expect(report.added).toBe(1);
    const byPath = Object.fromEntries(
      report.problems.map((problem) => [path.basename(problem.path), problem.code]),
    );
    expect(byPath).toMatchObject({
      'dangling.mp4': 'E_FILE_MISSING',
      'pipe.mp4': 'E_NOT_MEDIA',
      'self.mp4': 'E_VALIDATION',
      [path.basename(tooLong)]: 'E_VALIDATION',
    });
    expect(report.problems).toHaveLength(4);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports a file without read permission (not as root)',
    async () => {
      const root = tempDir('dailies-media-');
      const file = writeFile(path.join(root, 'locked.mp4'), 'x');
      fs.chmodSync(file, 0o000);
      const engine = testEngine();
      const report = await call(engine, 'assets.addPaths', { paths: [root] });
      expect(report.problems).toEqual([expect.objectContaining({ code: 'E_PERMISSION' })]);
    },
  );

  it('reports a file that vanished between the scan and the hashing', async () => {
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'a.mp4'), 'stays');
    const doomed = writeFile(path.join(root, 'b.mp4'), 'goes away');
    const engine = testEngine();
    engine.subscribe((event) => {
      if (
        event.name === 'ingest.progress' &&
        event.payload.phase === 'hashing' &&
        fs.existsSync(doomed)
      ) {
        fs.rmSync(doomed);
      }
    });
    const report = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(report.added).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ path: doomed, code: 'E_FILE_MISSING' }),
    ]);
  });

  it('ingests a file whose name is not valid UTF-8 and can read it again', async () => {
    const root = tempDir('dailies-media-');
    const name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.mp4')]);
    const file = Buffer.concat([Buffer.from(`${root}/`), name]);
    fs.writeFileSync(file, 'latin-1 name');
    const engine = testEngine();

    const first = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(first).toMatchObject({ added: 1, problems: [] });
    const asset = await call(engine, 'assets.get', { id: first.assetIds[0]! });
    expect(asset.locations[0]?.fileName).toBe('caf\uFFFD.mp4');
    expect(asset.title).toBe('Caf');

    // Changing it proves the exact bytes were kept: the rescan re-reads the same file.
    fs.writeFileSync(file, 'latin-1 name, re-exported');
    const second = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(second).toMatchObject({ changed: 1, problems: [] });
  });

  it('adding the same folder twice does not duplicate anything and does not re-read unchanged files', async () => {
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'one.mp4'), 'one');
    writeFile(path.join(root, 'two.mp4'), 'two');
    const engine = testEngine();
    const seen: Array<EventPayload<'ingest.progress'>> = [];
    engine.subscribe((event) => {
      if (event.name === 'ingest.progress') seen.push(event.payload);
    });

    await call(engine, 'assets.addPaths', { paths: [root] });
    // The analysis of the first batch announces its own changes; the rescan must add none.
    await waitForJobsIdle(engine);
    const changes: unknown[] = [];
    engine.subscribe((event) => {
      if (event.name === 'assets.changed') changes.push(event.payload);
    });
    const again = await call(engine, 'assets.addPaths', {
      paths: [root, root, path.join(root, 'one.mp4')],
    });

    expect(again).toMatchObject({
      filesFound: 2,
      added: 0,
      unchanged: 2,
      changed: 0,
      duplicates: 0,
    });
    const lastHashing = seen.filter(
      (event) => event.batchId === again.batchId && event.phase === 'hashing',
    );
    expect(lastHashing.every((event) => event.bytesDone === 0)).toBe(true);
    expect((await call(engine, 'assets.search', {})).items).toHaveLength(2);
    expect(changes).toEqual([]);
  });

  it('re-hashes a changed file, keeps its metadata and flags it for re-analysis', async () => {
    const root = tempDir('dailies-media-');
    const file = writeFile(path.join(root, '7_clip.mp4'), 'first cut');
    const engine = testEngine();
    const first = await call(engine, 'assets.addPaths', { paths: [root] });
    const id = first.assetIds[0]!;
    await call(engine, 'assets.update', { id, patch: { description: 'kept' } });
    // Let the first analysis finish: one that sees the file change re-ingests it itself, and
    // then this batch would find the change already recorded.
    await waitForJobsIdle(engine);
    const before = await call(engine, 'assets.get', { id });

    fs.writeFileSync(file, 'second, longer cut');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const report = await call(engine, 'assets.addPaths', { paths: [root] });

    expect(report).toMatchObject({ changed: 1, added: 0, assetIds: [id] });
    const after = await call(engine, 'assets.get', { id });
    expect(after.sha256).not.toBe(before.sha256);
    expect(after).toMatchObject({ description: 'kept', sizeBytes: 18 });
    const history = await call(engine, 'assets.history', { id });
    expect(history[0]).toMatchObject({ kind: 'file-changed' });
    // Flagged for re-analysis: the queue picks it up again, whatever state the first
    // analysis of the old content had reached.
    await waitForJobsIdle(engine);
    const analysis = await call(engine, 'analysis.get', { assetId: id });
    expect(analysis).toMatchObject({ sha256: after.sha256, current: true });
  });

  it('runs two overlapping ingests at once without duplicating assets or locations', async () => {
    const root = tempDir('dailies-media-');
    for (let i = 0; i < 40; i += 1) writeFile(path.join(root, 'sub', `clip-${i}.mp4`), `clip ${i}`);
    writeFile(path.join(root, 'top.mp4'), 'top');
    const engine = testEngine();

    const [outer, inner] = await Promise.all([
      call(engine, 'assets.addPaths', { paths: [root] }),
      call(engine, 'assets.addPaths', { paths: [path.join(root, 'sub')] }),
    ]);

    expect(outer.problems).toEqual([]);
    expect(inner.problems).toEqual([]);
    const page = await call(engine, 'assets.search', { limit: 500, includeTotal: true });
    expect(page.total).toBe(41);
    expect(page.items.every((asset) => asset.locations.length === 1)).toBe(true);
    expect(outer.added + inner.added).toBe(41);
  });

  it('streams progress for a folder of 10,000 files and keeps answering other calls meanwhile', async () => {
    const root = tempDir('dailies-media-');
    for (let d = 0; d < 100; d += 1) {
      const dir = path.join(root, `reel-${d}`);
      fs.mkdirSync(dir);
      for (let f = 0; f < 100; f += 1)
        fs.writeFileSync(path.join(dir, `shot-${f}.mp4`), `${d}/${f}`);
    }
    const engine = testEngine();
    const progress: Array<EventPayload<'ingest.progress'>> = [];
    engine.subscribe((event) => {
      if (event.name === 'ingest.progress') progress.push(event.payload);
    });

    let ingestDone = false;
    const ingest = call(engine, 'assets.addPaths', { paths: [root] }).then((report) => {
      ingestDone = true;
      return report;
    });
    // Wait until hashing is under way, then ask something else: it must answer before the
    // 10,000-file batch finishes.
    while (!progress.some((event) => event.phase === 'hashing' && event.filesDone > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const settings = await call(engine, 'settings.get', {});
    const page = await call(engine, 'assets.search', { limit: 5, includeTotal: true });
    expect(ingestDone).toBe(false);
    expect(settings.theme).toBe('system');
    // Answered mid-batch: the catalog did not wait for the whole batch to be recorded.
    expect(page.total).toBeLessThan(10_000);

    const report = await ingest;
    expect(report).toMatchObject({ filesFound: 10_000, added: 10_000, problems: [] });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', filesDone: 10_000, filesFound: 10_000 });
  });

  it('stops a running batch cleanly when the engine shuts down, keeping what was recorded', async () => {
    const root = tempDir('dailies-media-');
    for (let f = 0; f < 3_000; f += 1) fs.writeFileSync(path.join(root, `shot-${f}.mp4`), `${f}`);
    const dataDir = tempDir();
    const engine = createEngine({ dataDir, host: 'cli', version: 'x' });
    let hashing = false;
    engine.subscribe((event) => {
      if (event.name === 'ingest.progress' && event.payload.phase === 'hashing') hashing = true;
    });
    const result = engine.dispatch('assets.addPaths', { paths: [root] });
    while (!hashing) await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.dispose();
    expect(await result).toMatchObject({
      ok: false,
      error: { code: 'E_CANCELLED', retryable: true },
    });

    const reopened = testEngine({ dataDir });
    const report = await call(reopened, 'assets.addPaths', { paths: [root] });
    expect(report.filesFound).toBe(3_000);
    expect(report.added + report.unchanged).toBe(3_000);
    expect(report.problems).toEqual([]);
  });

  it('takes extra video extensions from the settings', async () => {
    const root = tempDir('dailies-media-');
    writeFile(path.join(root, 'capture.ts'), 'transport stream');
    const engine = testEngine();
    expect((await call(engine, 'assets.addPaths', { paths: [root] })).added).toBe(0);
    await call(engine, 'settings.set', { extraVideoExtensions: ['ts'] });
    expect((await call(engine, 'assets.addPaths', { paths: [root] })).added).toBe(1);
  });
});
