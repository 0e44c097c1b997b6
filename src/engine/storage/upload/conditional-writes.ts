/**
 * Whether a bucket's store honours `If-None-Match: *` on PutObject, learnt once per profile
 * and store and remembered in the catalog (see `memory`).
 *
 * A conditional PUT makes "is the key free?" part of the write itself, which saves the
 * HeadObject round trip before every small file (half the requests of a batch of small
 * files). But a store that silently ignores the header would overwrite a colleague's object,
 * which Dailies never does. So a bucket starts 'unknown' and small files go HEAD-first; after
 * the first one is stored, it is sent once more with the condition (the same bytes and
 * metadata, so even a store that ignores the header only rewrites what it just got): a 412
 * proves the store honours it, anything else marks the bucket 'ignored' for good. A 501 /
 * NotImplemented answer to a conditional PUT also marks it 'ignored'.
 */
export type ConditionalPutSupport = 'unknown' | 'probing' | 'honoured' | 'ignored';

export interface ConditionalWritesMemory {
  /** What an earlier run learnt, per bucket. */
  known?: Readonly<Record<string, 'honoured' | 'ignored'>>;
  /** Told of each finding, so the next run need not probe again. */
  onLearnt?: (bucket: string, support: 'honoured' | 'ignored') => void;
}

export class ConditionalWrites {
  private readonly byBucket = new Map<string, ConditionalPutSupport>();

  constructor(private readonly memory: ConditionalWritesMemory = {}) {
    for (const [bucket, support] of Object.entries(memory.known ?? {})) {
      this.byBucket.set(bucket, support);
    }
  }

  support(bucket: string): ConditionalPutSupport {
    return this.byBucket.get(bucket) ?? 'unknown';
  }

  /** True once: the caller then runs the probe and reports with `learnt`. */
  startProbe(bucket: string): boolean {
    if (this.support(bucket) !== 'unknown') return false;
    this.byBucket.set(bucket, 'probing');
    return true;
  }

  /** What a probe (or a conditional PUT) showed; 'unknown' lets a later file probe again. */
  learnt(bucket: string, support: 'honoured' | 'ignored' | 'unknown'): void {
    const before = this.byBucket.get(bucket);
    this.byBucket.set(bucket, support);
    if (support !== 'unknown' && support !== before) this.memory.onLearnt?.(bucket, support);
  }
}

/** How a conditional PUT was answered, read off the SDK's error. */
export function conditionalRefusal(facts: {
  code: string;
  status: number | undefined;
}): 'exists' | 'unsupported' | undefined {
  if (facts.status === 412 || facts.code === 'PreconditionFailed') return 'exists';
  if (facts.status === 501 || facts.code === 'NotImplemented') return 'unsupported';
  return undefined;
}
