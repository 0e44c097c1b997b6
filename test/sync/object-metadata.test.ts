import { describe, expect, it } from 'vitest';
import {
  decodeMetadataValue,
  encodeMetadataValue,
  METADATA_MAX_BYTES,
  metadataBytes,
  objectMetadata,
} from '../../src/engine/storage/object-metadata';
import { failureOf } from './platform-test-kit';

const sha256 = 'ab'.repeat(32);
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

describe('object metadata', () => {
  it('carries sha256, content_id, title, description and age_rating', () => {
    expect(
      objectMetadata({
        sha256: sha256.toUpperCase(),
        contentId: 7,
        title: 'Inception',
        description: 'A dream within a dream.',
        ageRating: '15+',
      }),
    ).toEqual({
      sha256,
      content_id: '7',
      title: 'Inception',
      description: 'A dream within a dream.',
      age_rating: '15+',
    });
  });

  it('percent-encodes a Korean title to US-ASCII, and decoding gives it back exactly', () => {
    const title = '인셉션: 꿈 속의 꿈 — 감독판 🎬';
    const metadata = objectMetadata({
      sha256,
      contentId: 1,
      title,
      description: '',
      ageRating: '15+',
    });
    expect(metadata.title).toMatch(PRINTABLE_ASCII);
    expect(metadata.title).toContain('%EC%9D%B8'); // 인 in UTF-8
    expect(decodeMetadataValue(metadata.title)).toBe(title);
  });

  it('round-trips the characters a header would mangle: %, newlines, tabs, edge spaces', () => {
    for (const text of [
      '100% Love',
      'line one\nline two\r\n\tindented',
      '  padded  ',
      '%41 is not A',
      '',
    ]) {
      const encoded = encodeMetadataValue(text);
      expect(encoded).toMatch(PRINTABLE_ASCII);
      expect(encoded).not.toMatch(/^ | $/);
      expect(decodeMetadataValue(encoded)).toBe(text);
    }
    expect(encodeMetadataValue('Plain ASCII: (ok) & fine!')).toBe('Plain ASCII: (ok) & fine!');
    expect(decodeMetadataValue(encodeMetadataValue('broken \uD800 surrogate'))).toBe(
      'broken \uFFFD surrogate',
    );
  });

  it("stays within S3's 2 KB, shortening the description first and never splitting a character", () => {
    const title = '인셉션'.repeat(85); // 255 characters, 2295 bytes encoded
    const description = '꿈'.repeat(5000);
    const long = objectMetadata({
      sha256,
      contentId: 2_147_483_647,
      title,
      description,
      ageRating: '18+',
    });
    expect(metadataBytes(long)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
    expect(long.description).toBe('');
    expect(title.startsWith(decodeMetadataValue(long.title))).toBe(true);

    const fits = objectMetadata({
      sha256,
      contentId: 1,
      title: 'Tenet',
      description,
      ageRating: 'ALL',
    });
    expect(metadataBytes(fits)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
    expect(metadataBytes(fits)).toBeGreaterThan(METADATA_MAX_BYTES - 9); // filled, not trimmed early
    expect(description.startsWith(decodeMetadataValue(fits.description))).toBe(true);
    expect(fits.title).toBe('Tenet');
  });

  it('refuses a checksum that is not a sha256 and an out-of-range content id', async () => {
    const base = { sha256, contentId: 1, title: 'T', description: '', ageRating: 'ALL' };
    await failureOf(
      Promise.resolve().then(() => objectMetadata({ ...base, sha256: 'abc' })),
      'E_VALIDATION',
    );
    await failureOf(
      Promise.resolve().then(() => objectMetadata({ ...base, contentId: 0 })),
      'E_VALIDATION',
    );
  });
});
