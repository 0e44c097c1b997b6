import type { AnalyseJobSpec } from '../../../shared/contract';

/** Why an analysis job was queued, as the editor would say it. */
export const reasonLabels: Record<AnalyseJobSpec['reason'], string> = {
  ingest: 'Added to the library',
  changed: 'The file changed',
  editor: 'Asked for again',
  catalog: 'Never analysed',
};
