// One update feed (latest-mac.yml) for macOS installers built on two runners. Each macOS job
// of release.yml builds one architecture (ffmpeg-static fetches the binary of the machine it
// installs on) and publishes its own latest-mac.yml naming only its own files; the second
// upload replaces the first on the release, so one architecture would be offered the other's
// build. This merges the feeds: every file of every build, so electron-updater's MacUpdater
// picks the arm64 zip on Apple silicon and the other one on Intel.
//
//   node scripts/merge-update-feeds.mjs OUT.yml IN1.yml IN2.yml ...
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dump, load } from 'js-yaml';

/**
 * The merged feed text. All feeds must be for the same version; files are kept once each by
 * url, Intel's first (older electron-updater reads the top-level `path`, which then stays on
 * a build every Mac can run); the latest releaseDate wins.
 * @param {string[]} texts
 * @returns {string}
 */
export function mergeUpdateFeeds(texts) {
  if (texts.length === 0) throw new Error('No update feeds to merge.');
  const feeds = texts.map((text, index) => {
    const feed = /** @type {Record<string, unknown>} */ (load(text));
    if (!feed || typeof feed.version !== 'string' || !Array.isArray(feed.files)) {
      throw new Error(`Update feed ${index + 1} has no version or files.`);
    }
    return /** @type {{ version: string, files: Array<{ url: string }>, releaseDate?: string }} */ (
      feed
    );
  });
  const versions = new Set(feeds.map((feed) => feed.version));
  if (versions.size !== 1) {
    throw new Error(`The update feeds are for different versions: ${[...versions].join(', ')}.`);
  }
  const isArm = (url) => /arm64/.test(url);
  const files = [];
  for (const file of feeds.flatMap((feed) => feed.files)) {
    if (!files.some((kept) => kept.url === file.url)) files.push(file);
  }
  files.sort((a, b) => Number(isArm(a.url)) - Number(isArm(b.url)));
  const main = files.find((file) => file.url.endsWith('.zip')) ?? files[0];
  const dates = feeds.map((feed) => feed.releaseDate).filter((date) => typeof date === 'string');
  return dump(
    {
      version: feeds[0].version,
      files,
      path: main.url,
      sha512: /** @type {{ sha512?: string }} */ (main).sha512,
      ...(dates.length > 0 ? { releaseDate: dates.sort().at(-1) } : {}),
    },
    { lineWidth: -1 },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...inputs] = process.argv.slice(2);
  if (!out || inputs.length === 0) {
    console.error('usage: node scripts/merge-update-feeds.mjs OUT.yml IN1.yml IN2.yml ...');
    process.exit(2);
  }
  fs.writeFileSync(out, mergeUpdateFeeds(inputs.map((file) => fs.readFileSync(file, 'utf8'))));
  console.log(`${out}: ${inputs.length} feeds merged`);
}
