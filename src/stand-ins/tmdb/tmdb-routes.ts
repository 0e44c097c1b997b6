import { standInTitles, textFor, type StandInTitle } from './tmdb-dataset';

/** An answer before it is written: status, JSON body, extra headers. */
export interface TmdbAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** TMDB's error bodies (v3): a numeric status_code and a message, success false. */
export function tmdbError(status: number, statusCode: number, message: string): TmdbAnswer {
  return { status, body: { success: false, status_code: statusCode, status_message: message } };
}

export const notFound = () => tmdbError(404, 34, 'The resource you requested could not be found.');

function year(title: StandInTitle): number {
  return Number(title.date.slice(0, 4));
}

function matches(title: StandInTitle, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return false;
  const names = [title.originalTitle, ...Object.values(title.texts).map((text) => text.title)];
  return names.some((name) => name.toLowerCase().includes(wanted));
}

function searchResult(title: StandInTitle, language: string | null): Record<string, unknown> {
  const text = textFor(title, language);
  const common = {
    id: title.id,
    overview: text.overview,
    poster_path: title.posterPath,
    backdrop_path: null,
    popularity: title.popularity,
    vote_average: 7.5,
    vote_count: 1000,
    genre_ids: [18],
    original_language: title.originalLanguage,
  };
  return title.kind === 'movie'
    ? {
        ...common,
        adult: false,
        title: text.title,
        original_title: title.originalTitle,
        release_date: title.date,
        video: false,
      }
    : {
        ...common,
        name: text.title,
        original_name: title.originalTitle,
        first_air_date: title.date,
        origin_country: ['KR'],
      };
}

function search(kind: 'movie' | 'tv', query: URLSearchParams): TmdbAnswer {
  const text = query.get('query');
  if (text === null || text.trim() === '') {
    return tmdbError(422, 7, 'query must be provided');
  }
  const yearParam =
    kind === 'movie'
      ? (query.get('primary_release_year') ?? query.get('year'))
      : (query.get('first_air_date_year') ?? query.get('year'));
  const results = standInTitles
    .filter((title) => title.kind === kind && matches(title, text))
    .filter((title) => yearParam === null || String(year(title)) === yearParam)
    .sort((a, b) => b.popularity - a.popularity)
    .map((title) => searchResult(title, query.get('language')));
  return {
    status: 200,
    body: { page: 1, results, total_pages: 1, total_results: results.length },
  };
}

function details(title: StandInTitle, language: string | null): Record<string, unknown> {
  const base = searchResult(title, language);
  const { genre_ids: _genres, ...rest } = base;
  return {
    ...rest,
    genres: [{ id: 18, name: 'Drama' }],
    status: 'Released',
    tagline: '',
    homepage: '',
    ...(title.kind === 'movie'
      ? { runtime: title.runtime ?? 100, imdb_id: null }
      : { number_of_seasons: 1, number_of_episodes: 16, episode_run_time: [60] }),
  };
}

function releaseDates(title: StandInTitle): Record<string, unknown> {
  const results = [
    {
      iso_3166_1: 'US',
      release_dates: [
        {
          certification: 'R',
          iso_639_1: '',
          note: '',
          release_date: `${title.date}T00:00:00.000Z`,
          type: 3,
        },
      ],
    },
  ];
  if (title.krCertification !== null) {
    results.push({
      iso_3166_1: 'KR',
      release_dates: [
        // An early festival screening without a rating, as TMDB often lists first.
        {
          certification: '',
          iso_639_1: '',
          note: 'Festival',
          release_date: `${title.date}T00:00:00.000Z`,
          type: 1,
        },
        {
          certification: title.krCertification,
          iso_639_1: '',
          note: '',
          release_date: `${title.date}T00:00:00.000Z`,
          type: 3,
        },
      ],
    });
  }
  return { id: title.id, results };
}

function contentRatings(title: StandInTitle): Record<string, unknown> {
  const results = [{ descriptors: [], iso_3166_1: 'US', rating: 'TV-MA' }];
  if (title.krCertification !== null) {
    results.push({ descriptors: [], iso_3166_1: 'KR', rating: title.krCertification });
  }
  return { id: title.id, results };
}

/** Answers a GET under /3 that passed authentication. */
export function routeTmdb(path: string, query: URLSearchParams): TmdbAnswer {
  const searchMatch = /^\/3\/search\/(movie|tv)$/.exec(path);
  if (searchMatch) return search(searchMatch[1] as 'movie' | 'tv', query);
  const itemMatch = /^\/3\/(movie|tv)\/(\d+)(\/release_dates|\/content_ratings)?$/.exec(path);
  if (!itemMatch) return notFound();
  const kind = itemMatch[1] as 'movie' | 'tv';
  const title = standInTitles.find((t) => t.kind === kind && t.id === Number(itemMatch[2]));
  if (!title) return notFound();
  const sub = itemMatch[3];
  if (sub === undefined) return { status: 200, body: details(title, query.get('language')) };
  if (sub === '/release_dates' && kind === 'movie') {
    return { status: 200, body: releaseDates(title) };
  }
  if (sub === '/content_ratings' && kind === 'tv') {
    return { status: 200, body: contentRatings(title) };
  }
  return notFound();
}
