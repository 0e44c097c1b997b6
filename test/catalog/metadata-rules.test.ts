import { describe, expect, it } from 'vitest';
import {
  defaultsFromFileName,
  slugify,
  slugOrFallback,
  titleFromSlug,
  validateMetadataPatch,
} from '../../src/shared/metadata';
import { titleCaseOfSlug } from '../sync/platform-fallback';

const sha = 'ab12cd34ef'.padEnd(64, '0');

describe('metadata rules shared by the engine and the renderer', () => {
  it('makes slugs the way PLATFORM_API.md says', () => {
    expect(slugify('The Dark Knight')).toBe('the-dark-knight');
    expect(slugify('  Amélie: Le Fabuleux Destin!  ')).toBe('amelie-le-fabuleux-destin');
    expect(slugify('ｆｕｌｌ－ｗｉｄｔｈ ２０２４')).toBe('full-width-2024');
    expect(slugify('a---b___c')).toBe('a-b-c');
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
    expect(slugOrFallback('다크 나이트', sha)).toBe('asset-ab12cd34');
  });

  it('turns a slug back into a title like the platform does', () => {
    expect(titleFromSlug('the-dark-knight')).toBe('The Dark Knight');
    expect(titleFromSlug('inception_directors-CUT')).toBe('Inception Directors Cut');
    expect(titleFromSlug('4k-remaster')).toBe('4k Remaster');
    expect(titleFromSlug('short-3s')).toBe('Short 3s');
  });

  it('writes default titles exactly as the platform would from the slug', () => {
    const titleOf = (name: string) => defaultsFromFileName(name, sha).title;
    expect(titleOf('7_4k-remaster.mp4')).toBe('4k Remaster');
    expect(titleOf("8_o'brien-2nd-cut.mp4")).toBe('O Brien 2nd Cut');
    expect(titleOf('short-3s.mp4')).toBe('Short 3s');
    expect(titleOf('My Clip (FINAL) v2.mov')).toBe('My Clip Final V2');
    expect(titleOf('Amélie_Poulain.mp4')).toBe('Amelie Poulain');
    for (const name of ['7_4k-remaster.mp4', "8_o'brien-2nd-cut.mp4", 'short-3s.mp4']) {
      const defaults = defaultsFromFileName(name, sha);
      expect(defaults.title).toBe(titleCaseOfSlug(defaults.slug));
    }
  });

  it('reads content id, slug and title from 12_the-dark-knight.mp4', () => {
    expect(defaultsFromFileName('12_the-dark-knight.mp4', sha)).toEqual({
      contentId: 12,
      slug: 'the-dark-knight',
      title: 'The Dark Knight',
      description: 'Uploaded video: the-dark-knight',
    });
  });

  it('leaves the content id empty when the file name has none or one the platform cannot store', () => {
    expect(defaultsFromFileName('holiday clip.mov', sha)).toEqual({
      contentId: null,
      slug: 'holiday-clip',
      title: 'Holiday Clip',
      description: 'Uploaded video: holiday-clip',
    });
    expect(defaultsFromFileName('99999999999_big.mp4', sha).contentId).toBeNull();
    expect(defaultsFromFileName('0_zero.mp4', sha).contentId).toBeNull();
    expect(defaultsFromFileName('12_.mp4', sha)).toMatchObject({
      contentId: 12,
      title: 'Content 12',
    });
    expect(defaultsFromFileName('다크나이트.mp4', sha)).toEqual({
      contentId: null,
      slug: 'asset-ab12cd34',
      title: '다크나이트',
      description: 'Uploaded video: asset-ab12cd34',
    });
  });

  it('names each invalid field with a message an editor understands', () => {
    const errors = validateMetadataPatch({
      title: '   ',
      contentId: 2_147_483_648,
      slug: 'Not A Slug',
      ageRating: 'PG-13',
    });
    expect(errors.map((error) => error.path).sort()).toEqual([
      'ageRating',
      'contentId',
      'slug',
      'title',
    ]);
    expect(errors.find((error) => error.path === 'title')?.message).toBe('A title is required');
    expect(validateMetadataPatch({ title: 'x'.repeat(255), contentId: 2_147_483_647 })).toEqual([]);
    expect(validateMetadataPatch({ title: 'x'.repeat(256) })).toHaveLength(1);
  });
});
