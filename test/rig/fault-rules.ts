import { seededRandom } from '../helpers/seeded-random';
import type { ProxiedRequest } from '../../src/stand-ins/s3-store/s3-operation';

/** What the proxy does to a request a rule picks. */
export type Fault =
  /** Destroy the client's connection before forwarding: the server never sees the request. */
  | { kind: 'drop' }
  /** Wait, then forward normally (for timeouts and slow-server behaviour). */
  | { kind: 'delay'; ms: number }
  /** Answer this status without forwarding (the request body is read and discarded). */
  | { kind: 'status'; status: number; retryAfter?: number | string; body?: string }
  /**
   * Forward, then cut the response: send the headers and `afterBytes` body bytes (default
   * half the body), then destroy the connection. With an empty body the connection is
   * destroyed before the headers, so the server acted but the client never hears back.
   */
  | { kind: 'cut'; afterBytes?: number }
  /**
   * Flip one byte of the request body in flight: the byte at `offset` of the bytes as sent
   * (default: the middle of the body; for aws-chunked, of its decoded length, which lands in
   * the payload rather than a chunk header).
   */
  | { kind: 'corrupt'; offset?: number };

export type FaultKind = Fault['kind'];

export interface FaultRule {
  fault: Fault;
  /** Which requests the rule considers; all of them when absent. */
  when?: (request: ProxiedRequest) => boolean;
  /** Share (0..1) of the considered requests it fires on, drawn from the seeded PRNG. */
  share?: number;
  /** How many times it fires at most; unlimited when absent. */
  times?: number;
}

export interface FaultRuleHandle {
  /** How many requests this rule has fired on so far. */
  readonly fired: number;
  remove(): void;
}

/**
 * An ordered list of rules. For each request the first rule that matches, still has firings
 * left and wins its draw decides the fault. A draw is taken only for a matching rule with a
 * share below 1, so a given seed and a given sequence of requests always yield the same faults.
 */
interface LiveRule {
  rule: FaultRule;
  fired: number;
}

export class FaultRules {
  private readonly live: LiveRule[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): FaultRuleHandle {
    if (rule.share !== undefined && !(rule.share >= 0 && rule.share <= 1)) {
      throw new RangeError(`share must be between 0 and 1, got ${rule.share}`);
    }
    const entry: LiveRule = { rule, fired: 0 };
    this.live.push(entry);
    return {
      get fired() {
        return entry.fired;
      },
      remove: () => {
        const at = this.live.indexOf(entry);
        if (at >= 0) this.live.splice(at, 1);
      },
    };
  }

  clear(): void {
    this.live.length = 0;
  }

  pick(request: ProxiedRequest): Fault | undefined {
    for (const entry of this.live) {
      const { rule } = entry;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      if (rule.when && !rule.when(request)) continue;
      const share = rule.share ?? 1;
      if (share < 1 && this.random() >= share) continue;
      entry.fired += 1;
      return rule.fault;
    }
    return undefined;
  }
}
