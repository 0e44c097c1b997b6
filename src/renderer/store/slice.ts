import type { StateCreator } from 'zustand';
import type { AccountSlice } from './account-slice';
import type { AnalysisSlice } from './analysis-slice';
import type { AppSlice } from './app-slice';
import type { AssetEditSlice } from './asset-edit-slice';
import type { BucketSlice } from './bucket-slice';
import type { BulkProgressSlice } from './bulk-progress-slice';
import type { FilmstripSlice } from './filmstrip-slice';
import type { IngestSlice } from './ingest-slice';
import type { LibrarySlice } from './library-slice';
import type { QueueNoticeSlice } from './queue-notice-slice';
import type { RuleSetsSlice } from './rule-sets-slice';
import type { SendSlice } from './send-slice';
import type { SettingsSlice } from './settings-slice';
import type { SyncSlice } from './sync-slice';
import type { TmdbJobsSlice } from './tmdb-jobs-slice';
import type { TmdbReviewSlice } from './tmdb-review-slice';
import type { TmdbSlice } from './tmdb-slice';
import type { UiSlice } from './ui-slice';

/**
 * The whole renderer state: one store built from slices. Each slice lives in its own
 * file.
 */
export type DailiesState = AppSlice &
  SettingsSlice &
  UiSlice &
  AccountSlice &
  LibrarySlice &
  FilmstripSlice &
  IngestSlice &
  AssetEditSlice &
  AnalysisSlice &
  RuleSetsSlice &
  SyncSlice &
  SendSlice &
  QueueNoticeSlice &
  BucketSlice &
  TmdbSlice &
  TmdbReviewSlice &
  TmdbJobsSlice &
  BulkProgressSlice;

/** A slice creator sees the whole state, so a slice's action may read another's fields. */
export type Slice<T> = StateCreator<DailiesState, [], [], T>;
