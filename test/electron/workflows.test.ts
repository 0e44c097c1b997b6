import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, '.github/workflows');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a workflow walked by key
type Workflow = any;
const workflow = (name: string) => load(read(name)) as Workflow;

interface Step {
  uses?: string;
  run?: string;
}
const steps = (flow: Workflow): Step[] =>
  Object.values(flow.jobs as Record<string, { steps: Step[] }>).flatMap((job) => job.steps);

describe('the GitHub workflows', () => {
  it('parse, and use only actions pinned to an exact version or a commit', () => {
    const files = fs.readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const file of files) {
      for (const step of steps(workflow(file))) {
        if (!step.uses) continue;
        expect(step.uses, `${file}: ${step.uses}`).toMatch(
          /^[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/,
        );
      }
    }
  });

  it('CI runs on push and pull request on Linux, macOS and Windows with Node 24', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.jobs.linux['runs-on']).toMatch(/^ubuntu/);
    expect(ci.jobs['other-os'].strategy.matrix.os).toEqual(
      expect.arrayContaining([expect.stringMatching(/^macos/), expect.stringMatching(/^windows/)]),
    );
    expect(fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim()).toMatch(/^24\./);
    for (const job of Object.values(ci.jobs) as Array<{ steps: Step[] }>) {
      const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
      expect(setup).toMatchObject({ with: { 'node-version-file': '.nvmrc' } });
    }
    const linux = ci.jobs.linux.steps.map((step: Step) => step.run ?? '').join('\n');
    expect(linux).toContain('bash .ci/run');
    expect(linux).toMatch(/xvfb-run .*test\/electron\/smoke/);
    const others = ci.jobs['other-os'].steps.map((step: Step) => step.run ?? '').join('\n');
    for (const check of ['npm run typecheck', 'npm run lint', 'vitest run']) {
      expect(others).toContain(check);
    }
  });

  it('release builds every OS and architecture from a version tag and publishes', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const args = release.jobs.build.strategy.matrix.include.map(
      (entry: { args: string }) => entry.args,
    );
    expect(args.join(' ')).toEqual(expect.stringContaining('nsis:x64'));
    for (const target of [
      'nsis:arm64',
      'dmg:arm64',
      'dmg:x64',
      'zip:x64',
      'AppImage:x64',
      'deb:x64',
      'rpm:x64',
    ]) {
      expect(args.join(' ')).toContain(target);
    }
    const build = steps(release).find((step) => step.run?.includes('electron-builder'));
    expect(build?.run).toContain('--publish always');
    // Windows: one job, one installer for both architectures, so one latest.yml.
    const windows = release.jobs.build.strategy.matrix.include.filter((entry: { args: string }) =>
      entry.args.startsWith('--win'),
    );
    expect(windows).toHaveLength(1);
    expect(
      steps(release)
        .map((step) => step.run ?? '')
        .join('\n'),
    ).toContain('@napi-rs/keyring-win32-arm64-msvc');
    // One draft before the parallel builds, so they do not each create one.
    expect(release.jobs.build.needs).toBe('draft');
    expect(release.jobs.draft.steps[0].run).toContain('gh release create "$GITHUB_REF_NAME"');
    // macOS: two runners, then one feed naming both architectures' files.
    const feed = release.jobs['mac-update-feed'];
    expect(feed.needs).toBe('build');
    const merge = feed.steps.map((step: Step) => step.run ?? '').join('\n');
    expect(merge).toContain('node scripts/merge-update-feeds.mjs latest-mac.yml');
    expect(merge).toContain('gh release upload "$GITHUB_REF_NAME" latest-mac.yml --clobber');
  });

  it('runs on runner images GitHub still offers', () => {
    const retired = /^(macos-1[0-3]|ubuntu-(18|20)\.04|windows-2019)$/;
    for (const file of ['ci.yml', 'release.yml']) {
      const flow = workflow(file);
      const images = [
        ...Object.values(flow.jobs as Record<string, { 'runs-on': string }>).map(
          (job) => job['runs-on'],
        ),
        ...(flow.jobs.build?.strategy.matrix.include ?? []).map(
          (entry: { os: string }) => entry.os,
        ),
        ...(flow.jobs['other-os']?.strategy.matrix.os ?? []),
      ];
      for (const image of images) expect(image, `${file}: ${image}`).not.toMatch(retired);
    }
  });

  it('gives the Linux job what xvfb-run and Chromium need in the Debian container', () => {
    const run = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
    // xvfb only recommends xauth, and the install skips recommendations.
    expect(run).toMatch(/--no-install-recommends[\s\S]*\bxvfb\b[\s\S]*\bxauth\b/);
    const ci = workflow('ci.yml');
    expect(ci.jobs.linux.container.options).toMatch(/--shm-size=/);
    const smoke = ci.jobs.linux.steps.find((step: Step) =>
      step.run?.includes('test/electron/smoke'),
    );
    expect(smoke.run).toContain('npm run build');
  });

  it('reads every secret from the repository secrets, each named in the README', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const text = read('release.yml') + read('ci.yml');
    const names = new Set([...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((match) => match[1]));
    expect(names.size).toBeGreaterThan(0);
    for (const name of names) {
      if (name === 'GITHUB_TOKEN') continue;
      expect(readme, `README names ${name}`).toContain(name);
    }
  });
});
