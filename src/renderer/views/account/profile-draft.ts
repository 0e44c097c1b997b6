import type { Profile } from '../../../shared/contract';
import type { ProfileInput } from '../../store/account-slice';

/** The profile form as the editor types it: strings and a checkbox. */
export interface ProfileDraft {
  name: string;
  apiBaseUrl: string;
  bucket: string;
  region: string;
  s3Endpoint: string;
  forcePathStyle: boolean;
  keyPrefix: string;
  cdnDomain: string;
  encryption: 'none' | 'sse-s3' | 'sse-kms';
  kmsKeyId: string;
  concurrency: string;
  partSizeMiB: string;
  bandwidthLimitKBps: string;
  timeWindow: string;
  deliveryRuleSetId: string;
}

const MiB = 1024 * 1024;

export const emptyDraft: ProfileDraft = {
  name: '',
  apiBaseUrl: 'https://',
  bucket: '',
  region: 'us-east-1',
  s3Endpoint: '',
  forcePathStyle: false,
  keyPrefix: '',
  cdnDomain: '',
  encryption: 'none',
  kmsKeyId: '',
  concurrency: '4',
  partSizeMiB: '16',
  bandwidthLimitKBps: '',
  timeWindow: '',
  deliveryRuleSetId: '',
};

export function draftFromProfile(profile: Profile): ProfileDraft {
  return {
    name: profile.name,
    apiBaseUrl: profile.apiBaseUrl,
    bucket: profile.bucket,
    region: profile.region,
    s3Endpoint: profile.s3Endpoint ?? '',
    forcePathStyle: profile.forcePathStyle,
    keyPrefix: profile.keyPrefix,
    cdnDomain: profile.cdnDomain ?? '',
    encryption: profile.encryption.kind,
    kmsKeyId: profile.encryption.kind === 'sse-kms' ? profile.encryption.kmsKeyId : '',
    concurrency: String(profile.upload.concurrency),
    partSizeMiB: String(profile.upload.partSizeBytes / MiB),
    bandwidthLimitKBps:
      profile.upload.bandwidthLimitBytesPerSecond === null
        ? ''
        : String(Math.round(profile.upload.bandwidthLimitBytesPerSecond / 1000)),
    timeWindow: profile.upload.timeWindow ?? '',
    deliveryRuleSetId: profile.deliveryRuleSetId ?? '',
  };
}

/** A number the engine will check; text that is not one is sent as NaN and refused there. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export function inputFromDraft(draft: ProfileDraft): ProfileInput {
  return {
    name: draft.name,
    apiBaseUrl: draft.apiBaseUrl,
    bucket: draft.bucket,
    region: draft.region,
    s3Endpoint: draft.s3Endpoint.trim() === '' ? null : draft.s3Endpoint,
    forcePathStyle: draft.forcePathStyle,
    keyPrefix: draft.keyPrefix,
    cdnDomain: draft.cdnDomain.trim() === '' ? null : draft.cdnDomain,
    encryption:
      draft.encryption === 'sse-kms'
        ? { kind: 'sse-kms', kmsKeyId: draft.kmsKeyId }
        : { kind: draft.encryption },
    upload: {
      concurrency: num(draft.concurrency),
      partSizeBytes: Math.round(num(draft.partSizeMiB) * MiB),
      bandwidthLimitBytesPerSecond:
        draft.bandwidthLimitKBps.trim() === ''
          ? null
          : Math.round(num(draft.bandwidthLimitKBps) * 1000),
      timeWindow: draft.timeWindow.trim() === '' ? null : draft.timeWindow,
    },
    deliveryRuleSetId: draft.deliveryRuleSetId.trim() === '' ? null : draft.deliveryRuleSetId,
  };
}

/** Engine field paths -> the draft field that shows the error. */
export const errorFieldOf: Record<string, keyof ProfileDraft> = {
  'encryption.kmsKeyId': 'kmsKeyId',
  'upload.concurrency': 'concurrency',
  'upload.partSizeBytes': 'partSizeMiB',
  'upload.bandwidthLimitBytesPerSecond': 'bandwidthLimitKBps',
  'upload.timeWindow': 'timeWindow',
};
