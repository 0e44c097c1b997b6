import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone of the repository must have everything its code, tests, scripts and benchmarks
 * read. This scans every tracked file under src/, test/, scripts/ and bench/ for a path that
 * leads outside the repository: a relative path climbing above its root, the team's design
 * folder beside the checkout (a `shared` folder reached by climbing out of the root; the
 * repository's own copies are in docs/ and test/fixtures/), or an absolute path of the
 * machine the code was written on. An import of src/shared from src/engine is fine: it climbs
 * to src/, not out of the repository.
 *
 * The patterns are built from pieces so this file does not match them itself.
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['src', 'test', 'scripts', 'bench'];

const UP = '\\.\\.';
const SHARED = 'shared';
/** A relative path starting with one or more `../`, up to a quote, space or bracket. */
const RELATIVE_UP = new RegExp(`(?<![\\w./\\\\-])(?:${UP}/)+[^\\s'"\`()[\\]{}<>,;|*]*`, 'g');
/** `path.join(root, <up>, <shared>, ...)` with separate segments. */
const UP_THEN_SHARED = new RegExp(`['"\`]${UP}['"\`]\\s*,\\s*['"\`]${SHARED}['"\`]`, 'g');
/** Absolute paths of the machines Dailies is developed on. */
const MACHINE_PATH = new RegExp(`(?<![\\w.])/${'work'}/`, 'g');

interface OutsideReference {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Whether a repository-relative path names a tracked file or folder (an import may omit `.ts`). */
type InRepository = (relative: string) => boolean;

/**
 * The references in one file's text to paths outside the repository. A relative path is
 * resolved against the file's folder; one that climbs above the root is still accepted when
 * what follows its `../` names something in the repository (it was written against another
 * folder, e.g. `path.resolve(fixtures, <up three>, 'src/...')`), and `<up>/shared/x` only when
 * `src/shared/x` exists.
 */
function findOutsideReferences(
  file: string,
  text: string,
  inRepository: InRepository,
): OutsideReference[] {
  const found: OutsideReference[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const add = (index: number, matched: string, why: string) =>
    found.push({ file, line: lineOf(index), text: matched, why });
  const dir = path.posix.dirname(file);

  for (const match of text.matchAll(RELATIVE_UP)) {
    const token = match[0].replace(/[.:]+$/, '');
    const rest = token.replace(/^(?:\.\.\/)+/, '');
    const resolved = path.posix.normalize(path.posix.join(dir, token));
    if (/^shared(?:\/|$)/.test(rest)) {
      if (!inRepository(`src/${rest}`))
        add(match.index, token, 'names the design folder beside the repository, not src/shared');
    } else if ((resolved === '..' || resolved.startsWith('../')) && !inRepository(rest)) {
      add(match.index, token, 'climbs above the repository root');
    }
  }
  for (const match of text.matchAll(UP_THEN_SHARED))
    add(match.index, match[0], 'joins a path to the design folder beside the repository');
  for (const match of text.matchAll(MACHINE_PATH))
    add(match.index, match[0], 'an absolute path on a development machine');
  return found;
}

function inRepositoryOf(files: string[]): InRepository {
  const known = new Set<string>();
  for (const file of files)
    for (let at = file; at !== '.' && !known.has(at); at = path.posix.dirname(at)) known.add(at);
  return (relative) => {
    const clean = path.posix.normalize(relative).replace(/\/$/, '');
    return ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts'].some((end) => known.has(clean + end));
  };
}

function trackedFiles(): string[] {
  const listing = execFileSync('git', ['ls-files', '-z', '--', ...SCANNED], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return listing.split('\0').filter(Boolean);
}

describe('the repository is self-contained', () => {
  it('has no tracked file under src, test, scripts or bench pointing outside the repository', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const inRepository = inRepositoryOf(files);
    const found: OutsideReference[] = [];
    for (const file of files) {
      const absolute = path.join(repositoryRoot, file);
      if (!fs.existsSync(absolute)) continue; // deleted in the working tree, not yet staged
      const bytes = fs.readFileSync(absolute);
      if (bytes.includes(0)) continue; // binary (SQLite fixtures)
      found.push(...findOutsideReferences(file, bytes.toString('utf8'), inRepository));
    }
    expect(found.map((f) => `${f.file}:${f.line} ${f.text} (${f.why})`)).toEqual([]);
  });

  it('tells a path outside the repository from one into it', () => {
    const inRepository = inRepositoryOf(trackedFiles());
    const up = '..';
    const outside = [
      `See \`${up}/shared/BENCHMARKS.md\`.`,
      `path.resolve(root, '${up}', 'shared', 'platform-examples.json')`,
      `const f = '${up}/${up}/${up}/elsewhere/x.json';`,
      `read('/${'work'}/shared/PLATFORM_API.md')`,
    ];
    for (const text of outside)
      expect(findOutsideReferences('test/sync/x.test.ts', text, inRepository), text).not.toEqual(
        [],
      );
    expect(
      findOutsideReferences(
        'bench/README.md',
        `a\n(see \`${up}/shared/BENCHMARKS.md\`)`,
        inRepository,
      ),
    ).toEqual([expect.objectContaining({ line: 2, text: `${up}/shared/BENCHMARKS.md` })]);

    const inside = [
      `import { dailiesError } from '${up}/${up}/shared/contract';`,
      `import x from '${up}/${up}/${up}/src/engine/create-engine';`,
      `const root = path.resolve(here, '${up}/${up}');`,
      `path.resolve(fixtures, '${up}/${up}/${up}/src/engine/catalog/migrations/meta/_journal.json')`,
    ];
    for (const text of inside)
      expect(findOutsideReferences('src/engine/sync/x.ts', text, inRepository), text).toEqual([]);
  });
});
