import { z } from 'zod';
import { errorValueSchema } from './errors';

/**
 * The messages that carry the contract over a MessagePort or HTTP. Method names and
 * payloads are checked against the contract by the receiver, not here.
 */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorValueSchema }),
]);
export type WireResult = z.infer<typeof resultSchema>;

export const wireMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('request'),
    id: z.number().int(),
    method: z.string(),
    input: z.unknown(),
  }),
  z.object({ kind: z.literal('response'), id: z.number().int(), result: resultSchema }),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WireMessage = z.infer<typeof wireMessageSchema>;
export type WireRequest = Extract<WireMessage, { kind: 'request' }>;
export type WireResponse = Extract<WireMessage, { kind: 'response' }>;
export type WireEvent = Extract<WireMessage, { kind: 'event' }>;
