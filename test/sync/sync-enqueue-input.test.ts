import { describe, expect, it } from 'vitest';
import { catalogSql, ingestFiles } from '../helpers/catalog';
import { testEngine } from '../helpers/engine';

describe('sync.enqueue with a profile that does not exist', () => {
  it('answers E_NOT_FOUND and writes nothing', async () => {
    const engine = testEngine();
    const { 'a.mp4': id } = await ingestFiles(engine, ['a.mp4']);
    const db = catalogSql(engine);
    db.prepare(`UPDATE assets SET status = 'ready', needs_analysis = 0 WHERE id = ?`).run(id);
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const jobsBefore = count(`jobs WHERE kind = 'sync'`);

    const answer = await engine.dispatch('sync.enqueue', {
      assetIds: [id!],
      profileId: 'no-such-profile',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_FOUND', message: expect.stringMatching(/profile does not exist/) },
    });
    expect(count('sync_state')).toBe(0);
    expect(count(`jobs WHERE kind = 'sync'`)).toBe(jobsBefore);
  });
});
