import path from 'node:path';
import type { AssetId, DailiesApi, IngestReport } from '../shared/contract';
import { formatDuration } from '../shared/format-units';

/** One line of the summary: where a file went, or why it did not go. */
export interface SummaryRow {
  file: string;
  contentId: number | null;
  title: string | null;
  durationSeconds: number | null;
  resolution: string | null;
  /** `s3://bucket/key` of the video and the thumbnail, once uploaded. */
  videoUrl: string | null;
  thumbnailUrl: string | null;
  /** The platform's records: the content and its video asset. */
  platformRecord: { contentId: number; videoAssetId: number; url: string } | null;
  /** Why it did not go, in the engine's own words; null when it went. */
  reason: string | null;
}

export interface SummaryOptions {
  api: DailiesApi;
  report: IngestReport;
  bucket: string;
  /** The profile's API base URL, to print where the platform's record can be read. */
  apiBaseUrl: string;
}

/** Reads back, through the contract, what happened to every file of the batch. */
export async function summariseBatch(options: SummaryOptions): Promise<SummaryRow[]> {
  const { api, report, bucket } = options;
  const rows: SummaryRow[] = report.problems.map((problem) => ({
    ...emptyRow(path.basename(problem.path)),
    reason: problem.message,
  }));
  const statuses = report.assetIds.length
    ? await api.invoke('sync.status', { assetIds: report.assetIds })
    : [];
  const syncOf = new Map(statuses.map((status) => [status.assetId, status]));
  for (const assetId of report.assetIds) {
    const asset = await api.invoke('assets.get', { id: assetId });
    const sync = syncOf.get(assetId);
    const s3 = (key: string | null | undefined) => (key ? `s3://${bucket}/${key}` : null);
    // Sent earlier, and still what the file is: a file changed since is not "synced" any more.
    const sent = sync?.step === 'synced' && sync.contentId !== null && sync.remoteAssetId !== null;
    const syncedNow = sent && asset.status === 'synced';
    let reason: string | null = null;
    if (!syncedNow) {
      reason = await whyNotSent(api, assetId, sync?.lastError?.message ?? null);
      if (sent) reason += ' The platform still has the version sent before.';
    }
    rows.push({
      file: asset.fileName,
      contentId: asset.contentId,
      title: asset.title,
      durationSeconds: asset.durationSeconds,
      resolution: asset.resolutionClass,
      videoUrl: s3(sync?.videoKey),
      thumbnailUrl: s3(sync?.thumbnailKey),
      platformRecord: sent
        ? {
            contentId: sync.contentId!,
            videoAssetId: sync.remoteAssetId!,
            url: `${options.apiBaseUrl}/v1/contents/${sync.contentId}/video-assets/${sync.remoteAssetId}`,
          }
        : null,
      reason,
    });
  }
  return rows;
}

async function whyNotSent(
  api: DailiesApi,
  assetId: AssetId,
  syncError: string | null,
): Promise<string> {
  if (syncError) return syncError;
  const analysis = await api.invoke('analysis.get', { assetId });
  if (analysis?.error) return analysis.error.message;
  // Held at the delivery gate: the failing rules, as the Library lists them.
  if (analysis?.delivery?.verdict === 'fail') {
    const failing = analysis.delivery.findings.filter((finding) => finding.verdict === 'fail');
    return `Does not meet the delivery rules: ${failing.map((f) => f.message).join(' ')}`;
  }
  const asset = await api.invoke('assets.get', { id: assetId });
  return `not sent (${asset.status})`;
}

function emptyRow(file: string): SummaryRow {
  return {
    file,
    contentId: null,
    title: null,
    durationSeconds: null,
    resolution: null,
    videoUrl: null,
    thumbnailUrl: null,
    platformRecord: null,
    reason: null,
  };
}

/** The summary as a plain-text table: one row per file, then where each went or why not. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const table = [
    ['File', 'Content id', 'Title', 'Duration', 'Resolution', 'Result'],
    ...rows.map((row) => [
      row.file,
      row.contentId === null ? '—' : String(row.contentId),
      row.title ?? '—',
      formatDuration(row.durationSeconds),
      row.resolution ?? '—',
      row.reason === null ? 'synced' : 'not sent',
    ]),
  ];
  const widths = table[0]!.map((_, column) =>
    Math.max(...table.map((cells) => cells[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const out = [line(table[0]!), widths.map((width) => '-'.repeat(width)).join('  ')];
  out.push(...table.slice(1).map(line));
  out.push('');
  for (const row of rows) {
    out.push(row.reason === null ? `${row.file}:` : `${row.file}: ${row.reason}`);
    if (row.videoUrl) out.push(`  video      ${row.videoUrl}`);
    if (row.thumbnailUrl) out.push(`  thumbnail  ${row.thumbnailUrl}`);
    const record = row.platformRecord;
    if (record) {
      out.push(
        `  platform   content ${record.contentId}, video asset ${record.videoAssetId}: ${record.url}`,
      );
    }
  }
  return out.join('\n');
}
