import type { ReconcileFinding, SyncConflict, SyncStep } from '../../../shared/contract';
import { formatBytes } from '../../components/format';

/** The last step an asset's sync finished, as the editor reads it. */
export const stepLabels: Record<SyncStep, string> = {
  pending: 'Not started',
  content: 'Content created',
  video: 'Video uploaded',
  thumbnail: 'Thumbnail uploaded',
  metadata: 'Metadata sent',
  registered: 'Video registered',
  synced: 'Synced',
};

/** The steps shown as a row's track (pending is where it starts, not a step). */
export const trackSteps: SyncStep[] = [
  'content',
  'video',
  'thumbnail',
  'metadata',
  'registered',
  'synced',
];

export const trackLabels: Record<SyncStep, string> = {
  pending: 'Waiting',
  content: 'Content',
  video: 'Video',
  thumbnail: 'Thumbnail',
  metadata: 'Metadata',
  registered: 'Registered',
  synced: 'Synced',
};

export const fieldLabels: Record<SyncConflict['fields'][number]['field'], string> = {
  title: 'Title',
  description: 'Description',
  ageRating: 'Age rating',
};

export const formatSpeed = (bytesPerSecond: number) => `${formatBytes(bytesPerSecond)}/s`;

/** "12 s left", "4 min left", "1 h 5 min left". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** "12 MB of 40 MB · 3.1 MB/s · 12 s left": bytes, then speed and time when known. */
export function bytesLine(sent: number, total: number, perSecond: number, eta: number | null) {
  const parts = [`${formatBytes(sent)} of ${formatBytes(total)}`];
  if (perSecond > 0) parts.push(formatSpeed(perSecond));
  const left = formatEta(eta);
  if (left) parts.push(left);
  return parts.join(' · ');
}

/** A reconcile finding in the editor's words, naming the asset. */
export function findingText(finding: ReconcileFinding, title: string): string {
  switch (finding.kind) {
    case 'uploaded-not-registered':
      return `“${title}”: its video is in the bucket, but the platform has no video for it yet. Send it again to register it.`;
    case 'registered-object-missing':
      return `“${title}”: the platform plays ${finding.key}, which is no longer in the bucket. Send it again to upload it.`;
    case 'remote-changed':
      return `“${title}”: someone changed its ${finding.fields
        .map((field) => fieldLabels[field.field].toLowerCase())
        .join(', ')} on the platform since the last sync.`;
    case 'content-missing':
      return `“${title}”: the platform no longer has its content (id ${finding.contentId}).`;
  }
}
