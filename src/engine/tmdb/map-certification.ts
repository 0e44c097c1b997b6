import type { AgeRating } from '../../shared/metadata/metadata-schema';

export type CertificationMapping =
  | { mapped: AgeRating }
  | { mapped: null; reason: 'restricted-screening' | 'unknown' | 'missing'; message: string };

/**
 * Korean certifications as TMDB spells them (movies: the KR release dates; TV: the KR content
 * ratings), mapped to the platform's `age_rating` values (docs/PLATFORM_API.md: ALL, 12+, 15+,
 * 18+). TV uses "19" where cinema uses "18"; both mean adults only.
 */
const byCertification: ReadonlyMap<string, AgeRating> = new Map([
  ['all', 'ALL'],
  ['0', 'ALL'],
  ['12', '12+'],
  ['15', '15+'],
  ['18', '18+'],
  ['19', '18+'],
]);

/** Maps a raw KR certification; what does not map says why, for the editor to decide. */
export function mapCertification(raw: string | null): CertificationMapping {
  const text = raw?.trim() ?? '';
  if (text === '') {
    return {
      mapped: null,
      reason: 'missing',
      message: 'TMDB has no Korean age rating for this title.',
    };
  }
  const mapped = byCertification.get(text.toLowerCase());
  if (mapped !== undefined) return { mapped };
  if (/^restricted\s*screening$/i.test(text) || text === '제한상영가') {
    return {
      mapped: null,
      reason: 'restricted-screening',
      message:
        'Restricted Screening (제한상영가) has no platform age rating: the platform cannot ' +
        'show such a title. Choose a rating by hand if it is to be published.',
    };
  }
  return {
    mapped: null,
    reason: 'unknown',
    message: `TMDB's Korean rating "${text}" is not one Dailies knows; choose a rating by hand.`,
  };
}
