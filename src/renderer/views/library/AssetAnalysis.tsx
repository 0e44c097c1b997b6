import { useEffect } from 'react';
import type { Asset, AssetAnalysis as Analysis, Job } from '../../../shared/contract';
import { formatDuration } from '../../components/format';
import { stageLabel } from '../../components/stage-label';
import { useDailies } from '../../store/store-context';
import { Fact } from './Fact';
import { describeAudio, describeVideoCodec, formatFrameRate, verdictLabels } from './media-format';

/**
 * The selected asset's analysis, compact: what the file is (container, codec, size as shown,
 * frame rate, duration, audio), whether it meets the delivery rules and why not, and a way to
 * analyse it again. Read again whenever the asset's status or stills change.
 */
export function AssetAnalysis({ asset }: { asset: Asset }) {
  const detail = useDailies((s) => s.assetAnalyses[asset.id]);
  const loadAnalysis = useDailies((s) => s.loadAnalysis);
  const reanalyse = useDailies((s) => s.reanalyse);
  const job = useDailies((s) => activeJobOf(s.jobs, asset.id));
  const progress = useDailies((s) => (job ? s.jobProgress[job.id] : undefined));
  const stillsVersion = asset.stills?.version ?? null;

  useEffect(() => {
    void loadAnalysis(asset.id);
  }, [asset.id, asset.status, stillsVersion, loadAnalysis]);

  const busy = job !== null;
  return (
    <section className="asset-analysis" aria-labelledby="analysis-title">
      <div className="history-head">
        <h3 id="analysis-title">Analysis</h3>
        <button
          type="button"
          className="button button-small"
          disabled={busy || asset.deletedAt !== null}
          onClick={() => void reanalyse(asset.id)}
        >
          Re-analyse
        </button>
      </div>
      {job ? (
        <p className="analysis-running">
          {job.state === 'running'
            ? `${stageLabel(progress?.stage)} · ${Math.round(progress?.percent ?? job.progress)} %`
            : job.state === 'paused'
              ? 'Analysis paused.'
              : 'Waiting to be analysed.'}
        </p>
      ) : null}
      {!detail || detail.kind === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : detail.kind === 'error' ? (
        <p className="form-message form-message-bad">{detail.message}</p>
      ) : detail.analysis === null ? (
        <p className="muted">Not analysed yet.</p>
      ) : (
        <AnalysisFacts analysis={detail.analysis} />
      )}
    </section>
  );
}

function AnalysisFacts({ analysis }: { analysis: Analysis }) {
  const info = analysis.mediaInfo;
  const video = info?.video ?? null;
  return (
    <>
      {!analysis.current ? (
        <p className="analysis-note">The file changed since this analysis; a new one is due.</p>
      ) : null}
      {analysis.outcome === 'failed' ? (
        <p className="analysis-failed" role="note">
          {analysis.error?.message ?? 'The file could not be analysed.'}
        </p>
      ) : null}
      {info ? (
        <dl className="facts analysis-facts">
          <Fact term="Container">{info.containerFamily.toUpperCase()}</Fact>
          <Fact term="Video">{video ? describeVideoCodec(video) : 'None'}</Fact>
          <Fact term="Resolution">
            {video ? (
              <>
                {video.width}×{video.height}
                {info.resolutionClass ? ` (${info.resolutionClass})` : ''}
                {video.rotation !== 0 ? (
                  <span className="muted"> · turned {video.rotation}°</span>
                ) : null}
              </>
            ) : (
              '—'
            )}
          </Fact>
          <Fact term="Frame rate">{formatFrameRate(video?.frameRate ?? null)}</Fact>
          <Fact term="Duration">{formatDuration(info.durationSeconds)}</Fact>
          <Fact term={info.audio.length > 1 ? `Audio (${info.audio.length})` : 'Audio'}>
            {info.audio.length === 0 ? 'None' : info.audio.map(describeAudio).join('; ')}
          </Fact>
        </dl>
      ) : null}
      <Delivery analysis={analysis} />
      {analysis.warnings.length > 0 ? (
        <ul className="analysis-warnings">
          {analysis.warnings.map((warning) => (
            <li key={warning.code}>{warning.message}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Delivery({ analysis }: { analysis: Analysis }) {
  const report = analysis.delivery;
  // A broken file is never judged, whatever an older analysis stored: its error says why.
  if (analysis.outcome === 'failed') {
    return (
      <p className="delivery-none delivery-unchecked">
        <span className="verdict verdict-fail">Not checked against the delivery rules</span>{' '}
        <span className="muted">The file could not be analysed.</span>
      </p>
    );
  }
  if (!report) {
    return <p className="muted delivery-none">No delivery rules to check against.</p>;
  }
  return (
    <div className={`delivery delivery-${report.verdict}`}>
      <p className="delivery-line">
        <span className={`verdict verdict-${report.verdict}`}>{verdictLabels[report.verdict]}</span>
        <span className="muted">Rule set: {report.ruleSet}</span>
      </p>
      {report.findings.length > 0 ? (
        <ul className="delivery-findings">
          {report.findings.map((finding, i) => (
            <li key={`${finding.rule}-${i}`} className={`finding-${finding.verdict}`}>
              <span className="visually-hidden">
                {finding.verdict === 'fail' ? 'Fails: ' : 'Warning: '}
              </span>
              {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function activeJobOf(jobs: Record<number, Job>, assetId: number): Job | null {
  for (const job of Object.values(jobs)) {
    if (job.spec.assetId !== assetId) continue;
    if (job.state === 'running' || job.state === 'queued' || job.state === 'paused') return job;
  }
  return null;
}
