/**
 * The UI with 100,000 assets: the web host serving the built renderer over a real engine
 * whose catalog was generated straight into SQLite (real stills for the first pages), in
 * headless Chromium. First library paint, keypress-to-updated-list while typing a search
 * (beside the engine's own search time for the same queries on the same catalog, measured
 * in this run, so the UI's share shows), and frames dropped while scrolling the list and
 * the grid for 10 s each.
 *
 * Alone: `npx tsx bench/suites/ui.ts` (prints JSON).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../src/web/web-host';
import { chromiumPath } from '../../test/helpers/chromium-path';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { benchEngine, buildLargeCatalog } from '../ui/large-catalog';
import { productionRendererBuild } from '../ui/production-build';
import {
  bareScroller,
  firstRowsAt,
  recordFirstRows,
  scrollFrames,
  searchSamples,
  watchSearch,
} from '../ui/page-probes';
import { percentile, round } from '../timing';

const ASSETS = 100_000;
const WITH_STILLS = 500;
const LOADS = 5;
const SCROLL_MS = 10_000;
const SCROLL_STEP_PX = 30;
/** Chromium's frame interval when nothing holds it up (60 Hz). */
const FRAME_MS = 1000 / 60;

export async function runUiBench(context: SuiteContext): Promise<Figure[]> {
  const { workDir, log } = context;
  const rendererDir = productionRendererBuild(workDir);
  const { dataDir, words } = await buildLargeCatalog({
    dir: workDir,
    count: ASSETS,
    withStills: WITH_STILLS,
    log,
  });
  // Three searches typed a key at a time: word prefixes, then two words.
  const typed = [
    words[0]!.slice(0, 6),
    `${words[1]!.slice(0, 4)} ${words[2]!.slice(0, 3)}`,
    words[3]!.slice(0, 6),
  ];
  const engine = benchEngine(dataDir);
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    log('the engine alone: the same searches through assets.search');
    const engineMs = await engineSearchTimes(engine, typed);

    host = await startWebHost({ engine, rendererDir });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });

    log(`first library paint, ${LOADS} loads with an empty cache`);
    const paints: FirstRows[] = [];
    for (let load = 0; load < LOADS; load += 1) {
      const page = await newPage(browser);
      await page.goto(host.url);
      const first = (await page.evaluate(firstRowsAt(30_000))) as FirstRows | null;
      if (first === null) throw new Error('The library showed no rows within 30 s');
      paints.push(first);
      await page.context().close();
    }
    const median = [...paints].sort((a, b) => a.at - b.at)[Math.floor(LOADS / 2)]!;

    const page = await newPage(browser);
    await page.goto(host.url);
    await page.evaluate(firstRowsAt(30_000));
    log('typing searches');
    const { samples: uiMs, requests: requestMs } = await typeSearches(page, typed);

    log(`scrolling the list, then the grid, ${SCROLL_MS / 1000} s each`);
    const list = await scroll(page, '.asset-viewport');
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Grid' }).click();
    await page.locator('.asset-cards-viewport').waitFor();
    const grid = await scroll(page, '.asset-cards-viewport');

    log('scrolling a bare page of plain rows, the baseline');
    const barePage = await newPage(browser);
    await barePage.setContent('<!doctype html><title>bare</title>');
    await barePage.evaluate(bareScroller(2000, 52));
    const bare = await scroll(barePage, '#bare-scroller');

    const uiP95 = percentile(uiMs, 0.95);
    const engineP95 = percentile(engineMs, 0.95);
    return [
      {
        name: `first library paint, ${ASSETS} assets (navigation start to first rows shown), median`,
        value: round(median.at),
        unit: 'ms',
        target: { op: '<=', value: 1000, of: 'value' },
        note: `${LOADS} loads, each in a fresh browser context: ${paints.map((p) => round(p.at)).join(', ')} ms; the median one: scripts loaded at ${round(median.scriptsLoaded)} ms, first search asked at ${round(median.searchAsked ?? 0)} and answered at ${round(median.searchAnswered ?? 0)} ms`,
      },
      {
        name: 'keypress to updated list while typing a search, p95',
        value: round(uiP95, 1),
        unit: 'ms',
        baseline: {
          command: 'the engine alone: assets.search with the same queries (first page, with total)',
          value: round(engineP95, 2),
        },
        ratio: round(uiP95 / engineP95, 1),
        target: { op: '<=', value: 100, of: 'value' },
        note: `the search request (wire and engine) p50 ${round(percentile(requestMs, 0.5), 1)} ms, p95 ${round(percentile(requestMs, 0.95), 1)} ms; keypress to list p50 ${round(percentile(uiMs, 0.5), 1)} ms over ${uiMs.length} keys (${typed.map((t) => `"${t}"`).join(', ')}, each then cleared); engine p50 ${round(percentile(engineMs, 0.5), 2)} ms`,
      },
      scrollFigure('list', list, bare),
      scrollFigure('grid', grid, bare),
    ];
  } finally {
    await browser?.close();
    await host?.close();
    await engine.dispose();
  }
}

interface FirstRows {
  at: number;
  scriptsLoaded: number;
  searchAsked: number | null;
  searchAnswered: number | null;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: recordFirstRows });
  return context.newPage();
}

/** Every prefix of each search (and the cleared field), timed through the engine's dispatch. */
async function engineSearchTimes(
  engine: ReturnType<typeof benchEngine>,
  typed: readonly string[],
): Promise<number[]> {
  const queries = typed.flatMap((text) => [
    ...Array.from(text, (_, i) => text.slice(0, i + 1)),
    '',
  ]);
  const times: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const query of queries) {
      const start = performance.now();
      const result = await engine.dispatch('assets.search', {
        query,
        filters: {},
        sort: { field: 'addedAt', direction: 'desc' },
        limit: 100,
        cursor: null,
        includeTotal: true,
      });
      if (!result.ok) throw new Error(result.error.message);
      if (round > 0) times.push(performance.now() - start); // the first round warms up
    }
  }
  return times;
}

/** Types each search a key at a time, waiting for the list to answer each key. */
async function typeSearches(
  page: Page,
  typed: readonly string[],
): Promise<{ samples: number[]; requests: number[] }> {
  const field = page.getByRole('searchbox', { name: 'Search the library' });
  await field.focus();
  await page.evaluate(watchSearch);
  let expected = 0;
  for (const text of typed) {
    for (const key of text) {
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      expected += 1;
      await page.evaluate(searchSamples(expected, 5_000));
    }
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    expected += 1;
    await page.evaluate(searchSamples(expected, 5_000));
  }
  const samples = (await page.evaluate('window.__searchSamples')) as number[];
  if (samples.length < expected)
    throw new Error(`${expected - samples.length} keys never updated the list`);
  return { samples, requests: (await page.evaluate('window.__searchRequests')) as number[] };
}

interface ScrollResult {
  intervals: number[];
  dropped: number;
  expected: number;
}

async function scroll(page: Page, selector: string): Promise<ScrollResult> {
  const intervals = (await page.evaluate(
    scrollFrames(selector, SCROLL_STEP_PX, SCROLL_MS),
  )) as number[];
  const total = intervals.reduce((sum, ms) => sum + ms, 0);
  const dropped = intervals.reduce(
    (sum, ms) => sum + Math.max(0, Math.round(ms / FRAME_MS) - 1),
    0,
  );
  return { intervals, dropped, expected: Math.round(total / FRAME_MS) };
}

function scrollFigure(what: 'list' | 'grid', result: ScrollResult, bare: ScrollResult): Figure {
  const worst = Math.max(...result.intervals);
  const bareShare = round((bare.dropped / bare.expected) * 100, 2);
  return {
    baseline: {
      command:
        'a bare page of 2,000 plain rows (no framework, no virtual list) scrolled the same way',
      value: bareShare,
    },
    ...(bareShare > 0
      ? { ratio: round(((result.dropped / result.expected) * 100) / bareShare, 2) }
      : {}),
    name: `frames dropped scrolling the ${what} for ${SCROLL_MS / 1000} s (${SCROLL_STEP_PX} px a frame)`,
    value: round((result.dropped / result.expected) * 100, 2),
    unit: '%',
    target: { op: '<=', value: 1, of: 'value' },
    note: `${result.dropped} of ${result.expected} frames at 60 Hz; worst frame ${round(worst, 1)} ms, p99 ${round(percentile(result.intervals, 0.99), 1)} ms`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-bench-ui-'));
  runUiBench({ workDir, log: (message) => console.error(`[ui] ${message}`) })
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(workDir, { recursive: true, force: true }));
}
