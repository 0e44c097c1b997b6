export { startTmdbStandIn } from './start-tmdb-stand-in';
export type {
  TmdbFault,
  TmdbRecordedRequest,
  TmdbStandIn,
  TmdbStandInOptions,
} from './start-tmdb-stand-in';
export { standInTitles, type StandInTitle } from './tmdb-dataset';
