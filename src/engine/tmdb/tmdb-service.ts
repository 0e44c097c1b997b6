import {
  dailiesError,
  tmdbCandidateListSchema,
  type Asset,
  type TmdbCandidate,
  type TmdbCandidateList,
  type TmdbKind,
  type TmdbLanguage,
  type TmdbSuggestions,
} from '../../shared/contract';
import type { TmdbRepository } from '../catalog/repositories/tmdb-repository';
import type { EventBus } from '../events/event-bus';
import { mapCertification } from './map-certification';
import {
  movieCandidate,
  preselect,
  rankCandidates,
  searchTerms,
  tvCandidate,
  type RankInput,
} from './rank-candidates';
import {
  contentRatingsSchema,
  krMovieCertification,
  krTvRating,
  movieResultSchema,
  movieSearchSchema,
  releaseDatesSchema,
  tvResultSchema,
  tvSearchSchema,
} from './tmdb-answers';
import type { CachedAnswer, TmdbCache } from './tmdb-cache';

export interface TmdbServiceDeps {
  cache: TmdbCache;
  repository: TmdbRepository;
  getAsset: (id: number) => Asset;
  language: () => TmdbLanguage;
  /** e.g. https://image.tmdb.org/t/p; posters are its `/w92` size. */
  imageBaseUrl: string;
  events: EventBus;
}

export interface LookupInput {
  assetId: number;
  query?: string | undefined;
  year?: number | undefined;
  tmdbId?: number | undefined;
  kind?: TmdbKind | undefined;
}

const otherLanguage = (language: TmdbLanguage): TmdbLanguage =>
  language === 'ko-KR' ? 'en-US' : 'ko-KR';

/** Lookups (search or a pasted id), the candidates kept for review, and the suggestions. */
export class TmdbService {
  constructor(private readonly deps: TmdbServiceDeps) {}

  async lookup(input: LookupInput, signal?: AbortSignal): Promise<TmdbCandidateList> {
    const asset = this.deps.getAsset(input.assetId);
    const terms = searchTerms(input.query ?? asset.title, input.year);
    const language = this.deps.language();
    const rank: RankInput = { ...terms, posterUrl: (path) => this.#posterUrl(path) };
    const answers: Array<CachedAnswer<unknown>> = [];
    const scored: Array<{ candidate: TmdbCandidate; popularity: number }> = [];
    if (input.tmdbId !== undefined) {
      const kind = input.kind ?? 'movie';
      const details = await this.#details(kind, input.tmdbId, language, signal);
      answers.push(details);
      const candidate =
        kind === 'movie'
          ? movieCandidate(movieResultSchema.parse(details.data), rank)
          : tvCandidate(tvResultSchema.parse(details.data), rank);
      scored.push({ candidate: { ...candidate, confidence: 1 }, popularity: 0 });
    } else {
      if (terms.query === '') {
        throw dailiesError('E_VALIDATION', 'Enter a title to search TMDB for.');
      }
      const params = { query: terms.query, language, include_adult: 'false', page: '1' };
      if (input.kind !== 'tv') {
        const movies = await this.deps.cache.get(
          '/3/search/movie',
          terms.year === null ? params : { ...params, primary_release_year: String(terms.year) },
          movieSearchSchema,
          signal,
        );
        answers.push(movies);
        for (const result of movies.data.results) {
          scored.push({
            candidate: movieCandidate(result, rank),
            popularity: result.popularity ?? 0,
          });
        }
      }
      if (input.kind !== 'movie') {
        const series = await this.deps.cache.get(
          '/3/search/tv',
          terms.year === null ? params : { ...params, first_air_date_year: String(terms.year) },
          tvSearchSchema,
          signal,
        );
        answers.push(series);
        for (const result of series.data.results) {
          scored.push({ candidate: tvCandidate(result, rank), popularity: result.popularity ?? 0 });
        }
      }
    }
    const candidates = rankCandidates(scored);
    const fetchedAt = answers.map((a) => a.fetchedAt).sort()[0] ?? '';
    const fromCache = answers.some((a) => a.fromCache);
    this.deps.repository.saveCandidates({
      assetId: asset.id,
      query: terms.query,
      year: terms.year,
      candidatesJson: JSON.stringify(candidates),
      fetchedAt,
      fromCache,
    });
    this.deps.events.emit('tmdb.candidates', {
      assetId: asset.id,
      count: candidates.length,
      noMatch: candidates.length === 0,
      error: null,
    });
    const offline = answers.some((a) => a.offline);
    return this.#list(asset.id, terms.query, terms.year, candidates, fetchedAt, {
      fromCache,
      offline,
    });
  }

  /** The candidates kept for an asset by its last lookup, or null before one ran. */
  candidates(assetId: number): TmdbCandidateList | null {
    this.deps.getAsset(assetId);
    const row = this.deps.repository.candidates(assetId);
    if (row === null) return null;
    const parsed = tmdbCandidateListSchema.shape.candidates.safeParse(
      JSON.parse(row.candidatesJson),
    );
    const candidates = parsed.success ? parsed.data : [];
    return this.#list(assetId, row.query, row.year, candidates, row.fetchedAt, {
      fromCache: row.fromCache,
      offline: false,
    });
  }

  async suggestions(
    input: { assetId: number; tmdbId: number; kind: TmdbKind; language?: TmdbLanguage | undefined },
    signal?: AbortSignal,
  ): Promise<TmdbSuggestions> {
    const asset = this.deps.getAsset(input.assetId);
    const language = input.language ?? this.deps.language();
    const asked = await this.#text(input.kind, input.tmdbId, language, signal);
    // Text missing in the asked language comes from the other one, and says so.
    const needsFallback = asked.title === '' || asked.overview === '';
    const fallback = needsFallback
      ? await this.#text(input.kind, input.tmdbId, otherLanguage(language), signal)
      : null;
    const pick = (field: 'title' | 'overview') => {
      if (asked[field] !== '') return { text: asked[field], language };
      if (fallback && fallback[field] !== '') {
        return { text: fallback[field], language: otherLanguage(language) };
      }
      return { text: null, language: null };
    };
    const rating = await this.#certification(input.kind, input.tmdbId, signal);
    const mapping = mapCertification(rating.raw);
    const title = pick('title');
    const overview = pick('overview');
    const answers = [asked.answer, ...(fallback ? [fallback.answer] : []), rating.answer];
    return {
      assetId: asset.id,
      tmdbId: input.tmdbId,
      kind: input.kind,
      title: {
        current: asset.title,
        suggested: title.text,
        language: title.language,
        same: title.text === asset.title,
      },
      overview: {
        current: asset.description,
        suggested: overview.text,
        language: overview.language,
        same: overview.text === asset.description,
      },
      ageRating: {
        current: asset.ageRating,
        raw: rating.raw,
        suggested: mapping.mapped,
        unmapped:
          mapping.mapped === null ? { reason: mapping.reason, message: mapping.message } : null,
        same: mapping.mapped === asset.ageRating,
      },
      fetchedAt: answers.map((a) => a.fetchedAt).sort()[0] ?? '',
      fromCache: answers.some((a) => a.fromCache),
      offline: answers.some((a) => a.offline),
    };
  }

  #list(
    assetId: number,
    query: string,
    year: number | null,
    candidates: TmdbCandidate[],
    fetchedAt: string,
    source: { fromCache: boolean; offline: boolean },
  ): TmdbCandidateList {
    const link = this.deps.repository.link(assetId);
    return {
      assetId,
      query,
      year,
      candidates,
      noMatch: candidates.length === 0,
      preselected: preselect(candidates),
      fetchedAt,
      ...source,
      linked: link === null ? null : { tmdbId: link.tmdbId, kind: link.kind },
    };
  }

  #details(kind: TmdbKind, id: number, language: TmdbLanguage, signal?: AbortSignal) {
    const schema = kind === 'movie' ? movieResultSchema : tvResultSchema;
    return this.deps.cache.get(`/3/${kind}/${id}`, { language }, schema, signal);
  }

  async #text(kind: TmdbKind, id: number, language: TmdbLanguage, signal?: AbortSignal) {
    const answer = await this.#details(kind, id, language, signal);
    const data = answer.data;
    const title = ('title' in data ? data.title : data.name).trim();
    return { title, overview: (data.overview ?? '').trim(), answer };
  }

  async #certification(kind: TmdbKind, id: number, signal?: AbortSignal) {
    if (kind === 'movie') {
      const answer = await this.deps.cache.get(
        `/3/movie/${id}/release_dates`,
        {},
        releaseDatesSchema,
        signal,
      );
      return { raw: krMovieCertification(answer.data), answer };
    }
    const answer = await this.deps.cache.get(
      `/3/tv/${id}/content_ratings`,
      {},
      contentRatingsSchema,
      signal,
    );
    return { raw: krTvRating(answer.data), answer };
  }

  #posterUrl(path: string | null | undefined): string | null {
    if (!path) return null;
    return `${this.deps.imageBaseUrl.replace(/\/+$/, '')}/w92${path}`;
  }
}
