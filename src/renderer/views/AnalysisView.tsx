import { EmptyState } from './EmptyState';
import { ViewHeader } from './ViewHeader';

export function AnalysisView() {
  return (
    <>
      <ViewHeader title="Analysis">
        Probing, thumbnails and filmstrips, done on this computer.
      </ViewHeader>
      <EmptyState icon="analysis" title="No analysis jobs">
        Analysing files with ffprobe and ffmpeg is not built yet. When it is, each file being probed
        and thumbnailed shows its progress here. The tools Dailies found are listed in Settings.
      </EmptyState>
    </>
  );
}
