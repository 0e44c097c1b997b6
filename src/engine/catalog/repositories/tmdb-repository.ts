import { eq } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { tmdbAnswers, tmdbCandidates, tmdbLinks } from '../schema';

export interface TmdbAnswerRow {
  bodyJson: string;
  fetchedAt: string;
}

export interface TmdbCandidatesRow {
  assetId: number;
  query: string;
  year: number | null;
  candidatesJson: string;
  fetchedAt: string;
  fromCache: boolean;
}

export interface TmdbLinkRow {
  tmdbId: number;
  kind: 'movie' | 'tv';
  linkedAt: string;
}

/** SQL for TMDB's cached answers, the candidates kept per asset and each asset's TMDB link. */
export class TmdbRepository {
  constructor(private readonly db: CatalogDb) {}

  answer(requestKey: string): TmdbAnswerRow | null {
    const row = this.db
      .select({ bodyJson: tmdbAnswers.bodyJson, fetchedAt: tmdbAnswers.fetchedAt })
      .from(tmdbAnswers)
      .where(eq(tmdbAnswers.requestKey, requestKey))
      .get();
    return row ?? null;
  }

  saveAnswer(requestKey: string, bodyJson: string, fetchedAt: string): void {
    this.db
      .insert(tmdbAnswers)
      .values({ requestKey, bodyJson, fetchedAt })
      .onConflictDoUpdate({ target: tmdbAnswers.requestKey, set: { bodyJson, fetchedAt } })
      .run();
  }

  candidates(assetId: number): TmdbCandidatesRow | null {
    return (
      this.db.select().from(tmdbCandidates).where(eq(tmdbCandidates.assetId, assetId)).get() ?? null
    );
  }

  saveCandidates(row: TmdbCandidatesRow): void {
    const { assetId: _assetId, ...rest } = row;
    this.db
      .insert(tmdbCandidates)
      .values(row)
      .onConflictDoUpdate({ target: tmdbCandidates.assetId, set: rest })
      .run();
  }

  link(assetId: number): TmdbLinkRow | null {
    const row = this.db
      .select({ tmdbId: tmdbLinks.tmdbId, kind: tmdbLinks.kind, linkedAt: tmdbLinks.linkedAt })
      .from(tmdbLinks)
      .where(eq(tmdbLinks.assetId, assetId))
      .get();
    return row ?? null;
  }

  saveLink(assetId: number, link: TmdbLinkRow): void {
    this.db
      .insert(tmdbLinks)
      .values({ assetId, ...link })
      .onConflictDoUpdate({ target: tmdbLinks.assetId, set: link })
      .run();
  }
}
