import type { TmdbField, TmdbLanguage, TmdbSuggestions } from '../../../../shared/contract';

export const languageNames: Record<TmdbLanguage, string> = {
  'ko-KR': 'Korean',
  'en-US': 'English',
};

export interface SuggestionRow {
  field: TmdbField;
  label: string;
  current: string;
  suggested: string | null;
  /** Why the suggestion cannot be accepted, or a note about it (language fallback). */
  note: string | null;
  acceptable: boolean;
}

/** The three fields as rows: the asset's value, TMDB's, and whether Accept can take it. */
export function suggestionRows(s: TmdbSuggestions, asked: TmdbLanguage | null): SuggestionRow[] {
  const fallback = (language: TmdbLanguage | null) =>
    language && asked && language !== asked
      ? `No ${languageNames[asked]} text on TMDB; this is the ${languageNames[language]} one.`
      : null;
  const text = (field: 'title' | 'overview', label: string): SuggestionRow => {
    const t = s[field];
    return {
      field,
      label,
      current: t.current,
      suggested: t.suggested,
      note: t.suggested === null ? 'TMDB has no text for this.' : fallback(t.language),
      acceptable: t.suggested !== null && !t.same,
    };
  };
  const rating = s.ageRating;
  return [
    text('title', 'Title'),
    text('overview', 'Description'),
    {
      field: 'ageRating',
      label: 'Age rating',
      current: rating.current,
      suggested: rating.suggested ?? rating.raw,
      note: rating.unmapped
        ? `Not mapped${rating.raw ? ` (TMDB says “${rating.raw}”)` : ''}: ${rating.unmapped.message}`
        : rating.raw && rating.suggested && rating.raw !== rating.suggested
          ? `TMDB’s Korean rating “${rating.raw}”.`
          : null,
      acceptable: rating.suggested !== null && !rating.same,
    },
  ];
}
