import { describe, expect, it } from 'vitest';
import {
  cdnUrl,
  contentTypeForExtension,
  contentTypeForKey,
  fileExtension,
  normaliseKeyPrefix,
  s3Url,
  thumbnailObjectKey,
  videoObjectKey,
} from '../../src/engine/storage/object-keys';
import { slugify, slugOrFallback } from '../../src/shared/metadata/slug';
import { titleCaseOfSlug } from './platform-fallback';
import { failureOf } from './platform-test-kit';

const sha256 = '1a2b3c4d'.padEnd(64, 'e');

describe('object keys follow the platform naming convention', () => {
  it('names the video and thumbnail as the platform does', () => {
    const parts = { contentId: 1, slug: 'inception' };
    expect(videoObjectKey({ ...parts, extension: 'mp4' })).toBe('videos/1_inception.mp4');
    expect(videoObjectKey({ ...parts, extension: '.MOV' })).toBe('videos/1_inception.mov');
    expect(thumbnailObjectKey(parts)).toBe('thumbnails/thumb_1_inception.jpg');
  });

  it('puts a normalised key prefix with exactly one trailing slash before both', () => {
    expect(['', '  ', '/', null, undefined].map(normaliseKeyPrefix)).toEqual(['', '', '', '', '']);
    expect(['ingest', 'ingest/', 'ingest///', '/ingest', 'a//b/'].map(normaliseKeyPrefix)).toEqual([
      'ingest/',
      'ingest/',
      'ingest/',
      'ingest/',
      'a/b/',
    ]);
    const parts = { keyPrefix: 'staging//', contentId: 42, slug: 'tenet' };
    expect(videoObjectKey({ ...parts, extension: 'mxf' })).toBe('staging/videos/42_tenet.mxf');
    expect(thumbnailObjectKey(parts)).toBe('staging/thumbnails/thumb_42_tenet.jpg');
  });

  it('keeps what the platform reads back: the content id before the first _ and a title from the slug', () => {
    const key = videoObjectKey({
      contentId: 2_147_483_647,
      slug: 'the-dark-knight',
      extension: 'mp4',
    });
    const fileName = key.split('/').pop()!;
    expect(Number(/^(\d+)_/.exec(fileName)?.[1])).toBe(2_147_483_647);
    expect(titleCaseOfSlug('the-dark-knight')).toBe('The Dark Knight');
  });

  it('refuses keys the platform could not read: bad ids, non-slugs, no extension', async () => {
    const refuse = (fn: () => unknown) => failureOf(Promise.resolve().then(fn), 'E_VALIDATION');
    await refuse(() => videoObjectKey({ contentId: 0, slug: 'a', extension: 'mp4' }));
    await refuse(() => videoObjectKey({ contentId: 2_147_483_648, slug: 'a', extension: 'mp4' }));
    await refuse(() => videoObjectKey({ contentId: 1, slug: 'Not A Slug', extension: 'mp4' }));
    await refuse(() => thumbnailObjectKey({ contentId: 1, slug: '' }));
    const noExtension = await refuse(() =>
      videoObjectKey({ contentId: 1, slug: 'a', extension: '' }),
    );
    expect(noExtension.message).toMatch(/extension/);
  });

  it('makes s3:// URLs and CDN URLs from keys', async () => {
    expect(s3Url('origin-bucket', 'videos/1_inception.mp4')).toBe(
      's3://origin-bucket/videos/1_inception.mp4',
    );
    for (const domain of ['cdn.example.com', 'https://cdn.example.com/', ' cdn.example.com// '])
      expect(cdnUrl(domain, 'my prefix/videos/1_a.mp4')).toBe(
        'https://cdn.example.com/my%20prefix/videos/1_a.mp4',
      );
    await failureOf(
      Promise.resolve().then(() => s3Url('', 'k')),
      'E_VALIDATION',
    );
  });

  it('sends the content type the doc lists for each extension', () => {
    const table: [string, string][] = [
      ['mp4', 'video/mp4'],
      ['M4V', 'video/mp4'],
      ['mov', 'video/quicktime'],
      ['mkv', 'video/x-matroska'],
      ['webm', 'video/webm'],
      ['ts', 'video/mp2t'],
      ['mts', 'video/mp2t'],
      ['m2ts', 'video/mp2t'],
      ['mxf', 'application/mxf'],
      ['avi', 'video/x-msvideo'],
      ['jpg', 'image/jpeg'],
      ['wmv', 'application/octet-stream'],
      ['', 'application/octet-stream'],
    ];
    expect(table.map(([ext]) => [ext, contentTypeForExtension(ext)])).toEqual(table);
    expect(contentTypeForKey('thumbnails/thumb_1_a.jpg')).toBe('image/jpeg');
    expect(fileExtension('/cards/A001/CLIP.Final.MXF')).toBe('mxf');
    expect(fileExtension('C:\\media\\.hidden')).toBe('');
    expect(fileExtension('README')).toBe('');
  });
});

describe('slugs (PLATFORM_API.md)', () => {
  it('folds accents, lower-cases and joins words with single dashes', () => {
    expect(slugify('Amélie')).toBe('amelie');
    expect(slugify('  The Dark Knight: Rises!! ')).toBe('the-dark-knight-rises');
    expect(slugify('Ｆｕｌｌ　Ｗｉｄｔｈ ２０２６')).toBe('full-width-2026');
    expect(slugify('a_b__c')).toBe('a-b-c');
  });

  it('keeps at most 80 characters and never ends on a dash', () => {
    const slug = slugify(`${'a'.repeat(79)} bcd`);
    expect(slug).toBe('a'.repeat(79));
    expect(slugify('word '.repeat(40)).length).toBeLessThanOrEqual(80);
    expect(slugify('word '.repeat(40))).not.toMatch(/-$/);
  });

  it('falls back to asset- and 8 hex digits of the sha256 for a title with no Latin letters', () => {
    expect(slugOrFallback('인셉션', sha256)).toBe('asset-1a2b3c4d');
    expect(slugOrFallback('千と千尋の神隠し', sha256.toUpperCase())).toBe('asset-1a2b3c4d');
    expect(slugOrFallback('Inception 인셉션', sha256)).toBe('inception');
  });
});
