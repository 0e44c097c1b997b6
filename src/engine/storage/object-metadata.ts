import { dailiesError } from '../../shared/contract/errors';
import { isValidContentId } from '../../shared/metadata/content-id';

/**
 * S3 limits user metadata to 2 KB: the UTF-8 bytes of every key (without `x-amz-meta-`) and
 * value together. A request beyond it fails (MetadataTooLarge), so long texts are shortened.
 */
export const METADATA_MAX_BYTES = 2048;

export interface ObjectMetadataInput {
  /** Hex sha256 of the whole file. */
  sha256: string;
  contentId: number;
  title: string;
  description: string;
  ageRating: string;
}

/** The `x-amz-meta-*` names the platform's cloud function reads (without the prefix). */
export type ObjectMetadata = Record<
  'sha256' | 'content_id' | 'title' | 'description' | 'age_rating',
  string
>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters a header cannot carry as they are, or that decoding would misread (`%`). */
function needsEscape(char: string, index: number, last: number): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code >= 0x7f || char === '%') return true;
  // HTTP trims spaces around a header value; escaped, they survive the round trip.
  return char === ' ' && (index === 0 || index === last);
}

function encodeChars(value: string): string[] {
  const chars = Array.from(value.replace(LONE_SURROGATE, '\uFFFD'));
  return chars.map((char, index) =>
    needsEscape(char, index, chars.length - 1) ? encodeURIComponent(char) : char,
  );
}

/**
 * A metadata value in US-ASCII: non-ASCII characters, control characters, `%` and spaces at
 * either end are percent-encoded as UTF-8 (so `decodeMetadataValue` gives the text back
 * exactly); everything else stays readable.
 */
export function encodeMetadataValue(value: string): string {
  return encodeChars(value).join('');
}

/** The text a metadata value was made from. */
export function decodeMetadataValue(value: string): string {
  return decodeURIComponent(value);
}

/** The encoded value cut to at most `maxBytes`, never inside an escape or a character. */
function encodeWithin(value: string, maxBytes: number): string {
  let out = '';
  for (const piece of encodeChars(value)) {
    if (out.length + piece.length > maxBytes) break;
    out += piece;
  }
  return out;
}

/**
 * The object's user metadata (PLATFORM_API.md, "Object headers"), in US-ASCII. When title and
 * description together would pass S3's 2 KB, the description is shortened first, then the
 * title: the platform gets both in full through its API anyway.
 */
export function objectMetadata(input: ObjectMetadataInput): ObjectMetadata {
  const sha256 = input.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw dailiesError('E_VALIDATION', 'The file checksum is not a sha256 hex digest.', {
      details: { field: 'sha256' },
    });
  }
  if (!isValidContentId(input.contentId)) {
    throw dailiesError('E_VALIDATION', `The content id ${input.contentId} is out of range.`, {
      details: { field: 'contentId' },
    });
  }
  const fixed = {
    sha256,
    content_id: String(input.contentId),
    age_rating: encodeMetadataValue(input.ageRating),
  };
  const fixedBytes = Object.entries(fixed).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  const budget = METADATA_MAX_BYTES - fixedBytes - 'title'.length - 'description'.length;
  const title = encodeWithin(input.title, budget);
  const description = encodeWithin(input.description, budget - title.length);
  return { ...fixed, title, description };
}

/** The bytes S3 counts against its 2 KB limit. */
export function metadataBytes(metadata: Record<string, string>): number {
  return Object.entries(metadata).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
}
