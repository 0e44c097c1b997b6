import type { Handlers, MethodName } from '../../shared/contract';

/** The contract handlers whose method names start with one of the prefixes ("assets."). */
export type HandlersOf<Prefix extends string> = Pick<
  Handlers,
  Extract<MethodName, `${Prefix}${string}`>
>;
