import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The runtime imports between our own files: every `import`/`export ... from` except
 * `import type`/`export type` (erased), and dynamic `import()`. Specifiers resolve as the
 * bundler does: the file, with .ts/.tsx, or a folder's index.
 */
function runtimeImports(file: string, source: string): string[] {
  const found: string[] = [];
  const statement =
    /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const pattern of [statement, dynamic]) {
    for (const match of source.matchAll(pattern)) {
      const resolved = resolveModule(path.resolve(path.dirname(file), match[1]!));
      if (resolved) found.push(resolved);
    }
  }
  return found;
}

function resolveModule(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Strongly connected components of more than one file (Tarjan): each is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

function sourceGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (!/\.tsx?$/.test(file) || !fs.statSync(file).isFile()) continue;
    graph.set(file, runtimeImports(file, fs.readFileSync(file, 'utf8')));
  }
  return graph;
}

const relative = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');

describe('imports', () => {
  it('form no cycle anywhere in src/ (a cycle makes load order, and so behaviour, fragile)', () => {
    const graph = sourceGraph(path.join(repoRoot, 'src'));
    // The parser sees the real tree: hundreds of files and their imports, not an empty graph.
    expect(graph.size).toBeGreaterThan(300);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
    const found = cycles(graph).map((c) => c.map(relative));
    expect(found).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
