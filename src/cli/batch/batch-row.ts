import type { AssetId, ErrorValue } from '../../shared/contract';

/** Where one file of a batch ended up: the line of the summary and of `--json`. */
export interface BatchRow {
  assetId: AssetId | null;
  file: string;
  path: string;
  result: 'analysed' | 'queued' | 'synced' | 'already-synced' | 'held' | 'failed';
  contentId: number | null;
  title: string | null;
  /** `s3://bucket/key` once uploaded. */
  video: string | null;
  thumbnail: string | null;
  /** The platform's video asset, once registered. */
  remoteAssetId: number | null;
  error: Pick<ErrorValue, 'code' | 'message'> | null;
}

export function rowFailed(row: BatchRow): boolean {
  return row.result === 'failed' || row.result === 'held';
}

const symbols: Record<BatchRow['result'], string> = {
  analysed: '✓',
  queued: '→',
  synced: '✓',
  'already-synced': '=',
  held: '‖',
  failed: '✗',
};

const words: Record<BatchRow['result'], string> = {
  analysed: 'analysed',
  queued: 'queued for upload',
  synced: 'uploaded and registered',
  'already-synced': 'already on the platform, nothing to send',
  held: 'held',
  failed: 'failed',
};

/** One line for a person: `✓ 12_film.mp4: uploaded and registered (content 12)`. */
export function describeRow(row: BatchRow): string {
  const what = row.error ? `${words[row.result]}: ${row.error.message}` : words[row.result];
  const content = row.contentId !== null && !row.error ? ` (content ${row.contentId})` : '';
  return `${symbols[row.result]} ${row.file}: ${what}${content}`;
}
