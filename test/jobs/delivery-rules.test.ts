import { describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { useMediaFixtures } from '../media/media-test-kit';

const fixtures = useMediaFixtures();

describe('delivery rule sets', () => {
  it('stores named rule sets, checks every analysis against the default and keeps the report', async () => {
    const engine = testEngine();
    const [builtIn] = await call(engine, 'deliveryRules.list', {});
    expect(builtIn).toMatchObject({ isDefault: true, rules: { name: 'Platform default' } });

    const { assetIds } = await call(engine, 'assets.addPaths', {
      paths: [fixtures().shortClips[0]!, fixtures().hd1080],
    });
    await waitForJobsIdle(engine);
    const [small, hd] = assetIds as [number, number];
    expect((await call(engine, 'analysis.get', { assetId: small }))?.delivery?.verdict).toBe(
      'pass',
    );

    // A stricter default: stored reports are judged again at once, without decoding.
    const strict = await call(engine, 'deliveryRules.save', {
      rules: {
        name: 'Streaming HD',
        minWidth: 1920,
        minHeight: 1080,
        frameRates: [25],
        loudness: { minLufs: -24, maxLufs: -22 },
      },
      makeDefault: true,
    });
    expect(strict.isDefault).toBe(true);
    const smallReport = (await call(engine, 'analysis.get', { assetId: small }))?.delivery;
    expect(smallReport).toMatchObject({ ruleSet: 'Streaming HD', verdict: 'fail' });
    expect(smallReport?.findings.map((f) => f.rule)).toEqual(['resolution', 'loudness']);
    expect(smallReport?.findings[1]).toMatchObject({ verdict: 'warn' });

    // Analysed again under it, the loudness is measured with ebur128 and judged.
    await call(engine, 'analysis.start', { assetIds: [hd], force: true });
    await waitForJobsIdle(engine);
    const hdAnalysis = await call(engine, 'analysis.get', { assetId: hd });
    expect(hdAnalysis?.loudnessLufs).toEqual(expect.any(Number));
    expect(hdAnalysis?.delivery?.findings.map((f) => f.rule)).toEqual(['loudness']);
    expect(hdAnalysis?.delivery?.findings[0]?.message).toMatch(/LUFS/);

    const listed = await call(engine, 'deliveryRules.list', {});
    expect(listed.map((set) => [set.rules.name, set.isDefault])).toEqual([
      ['Streaming HD', true],
      ['Platform default', false],
    ]);
    await expect(
      call(engine, 'deliveryRules.save', { rules: { name: 'Platform default' } }),
    ).rejects.toMatchObject({ code: 'E_CONFLICT' });
    const removeDefault = call(engine, 'deliveryRules.remove', { id: strict.id });
    await expect(removeDefault).rejects.toBeInstanceOf(DailiesError);
    await expect(removeDefault).rejects.toMatchObject({ code: 'E_CONFLICT' });
    expect(await call(engine, 'deliveryRules.remove', { id: builtIn!.id })).toEqual({
      removed: true,
    });
  });
});
