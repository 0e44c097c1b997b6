import type {
  DeliveryReport,
  DeliveryRuleSet,
  DeliveryVerdict,
  MediaInfo,
} from '../../shared/contract/media';
import type { LoudnessMeasurement } from './measure-loudness';

type Finding = DeliveryReport['findings'][number];

/** ebur128 is only worth running (it decodes all audio) when the rule set asks for it. */
export function needsLoudness(rules: DeliveryRuleSet): boolean {
  return rules.loudness !== null;
}

/**
 * The verdict of a file whose analysis failed (cut short, no picture): what its header says
 * can show that it fails the rules (no picture at all), never that it meets them, so only a
 * failing report is kept and the rest reads "not checked" (null).
 */
export function checkDeliveryOfFailed(
  info: MediaInfo,
  rules: DeliveryRuleSet,
): DeliveryReport | null {
  const report = checkDelivery(info, rules);
  return report.verdict === 'fail' ? report : null;
}

/**
 * Judges one analysed file against a named rule set, before any bandwidth is spent. Pure:
 * the loudness, when the rule set has a window, is measured beforehand (measureLoudness)
 * and passed in; `undefined` means "not measured" and is a warning, not a failure.
 */
export function checkDelivery(
  info: MediaInfo,
  rules: DeliveryRuleSet,
  loudness?: LoudnessMeasurement | null,
): DeliveryReport {
  const findings: Finding[] = [];
  const fail = (rule: Finding['rule'], message: string) =>
    findings.push({ rule, verdict: 'fail', message });
  const warn = (rule: Finding['rule'], message: string) =>
    findings.push({ rule, verdict: 'warn', message });

  if (rules.containers.length > 0 && !rules.containers.includes(info.containerFamily))
    fail(
      'container',
      `The container is ${info.containerFamily}; ${list(rules.containers)} expected.`,
    );

  const video = info.video;
  if (!video) {
    fail('video', 'The file has no picture.');
  } else {
    if (rules.videoCodecs.length > 0 && !rules.videoCodecs.includes(video.codec.toLowerCase()))
      fail(
        'video-codec',
        `The video codec is ${video.codec}; ${list(rules.videoCodecs)} expected.`,
      );
    checkResolution(video.width, video.height, rules, fail);
    if (rules.frameRates.length > 0) {
      const rate = video.frameRate;
      if (rate === null) warn('frame-rate', 'The frame rate could not be read.');
      else if (!rules.frameRates.some((allowed) => Math.abs(allowed - rate) <= 0.01))
        fail(
          'frame-rate',
          `The frame rate is ${formatRate(rate)} fps; ${rules.frameRates.map(formatRate).join(', ')} expected.`,
        );
    }
  }

  if (rules.maxDurationSeconds !== null) {
    if (info.durationSeconds === null) warn('duration', 'The duration could not be read.');
    else if (info.durationSeconds > rules.maxDurationSeconds)
      fail(
        'duration',
        `The clip runs ${clock(info.durationSeconds)}, longer than the ${clock(rules.maxDurationSeconds)} allowed.`,
      );
  }

  if (rules.audioRequired && info.audio.length === 0) fail('audio', 'The file has no sound.');
  if (rules.audioCodecs.length > 0) {
    const wrong = info.audio.filter((a) => !rules.audioCodecs.includes(a.codec.toLowerCase()));
    if (wrong.length > 0)
      fail(
        'audio-codec',
        `The audio codec is ${list(wrong.map((a) => a.codec))}; ${list(rules.audioCodecs)} expected.`,
      );
  }

  if (rules.loudness && info.audio.length > 0) {
    const { minLufs, maxLufs, toleranceLu } = rules.loudness;
    if (loudness === undefined) warn('loudness', 'The loudness has not been measured yet.');
    else if (loudness !== null) {
      const lufs = loudness.integratedLufs;
      const outside = lufs < minLufs ? minLufs - lufs : lufs > maxLufs ? lufs - maxLufs : 0;
      const message = `The loudness is ${Number.isFinite(lufs) ? lufs.toFixed(1) : 'silent'} LUFS; ${minLufs} to ${maxLufs} LUFS expected.`;
      if (outside > toleranceLu) fail('loudness', message);
      else if (outside > 0) warn('loudness', message);
    }
  }

  return { ruleSet: rules.name, verdict: verdictOf(findings), findings };
}

/** Orientation-free: a portrait 1080x1920 meets a 1920x1080 minimum. */
function checkResolution(
  width: number,
  height: number,
  rules: DeliveryRuleSet,
  fail: (rule: Finding['rule'], message: string) => void,
) {
  const { minWidth, minHeight } = rules;
  if (minWidth === null && minHeight === null) return;
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  // With one side given, it is the longer one; with both, long to long and short to short.
  const needLong = Math.max(minWidth ?? 0, minHeight ?? 0);
  const shortOk = minWidth === null || minHeight === null || short >= Math.min(minWidth, minHeight);
  if (long < needLong || !shortOk)
    fail(
      'resolution',
      `The picture is ${width}x${height}; at least ${rules.minWidth ?? '?'}x${rules.minHeight ?? '?'} expected.`,
    );
}

function verdictOf(findings: Finding[]): DeliveryVerdict {
  if (findings.some((f) => f.verdict === 'fail')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}

function list(values: string[]): string {
  return values.join(' or ');
}

function formatRate(rate: number): string {
  return Number.isInteger(rate) ? String(rate) : rate.toFixed(3).replace(/0+$/, '');
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
