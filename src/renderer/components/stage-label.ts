const stageLabels: Record<string, string> = {
  stat: 'Opening the file',
  probe: 'Reading media info',
  integrity: 'Checking the file plays to the end',
  waiting: 'Waiting for a free core',
  stills: 'Making thumbnail and filmstrip',
  delivery: 'Checking delivery rules',
  done: 'Saving',
};

/** The stage of an analysis as an editor would say it (the queue's rows and an asset's detail). */
export function stageLabel(stage: string | undefined): string {
  if (!stage) return 'Starting';
  return stageLabels[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1);
}
