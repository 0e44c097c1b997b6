import { platformAccountCalls, type PlatformAccountCalls } from './platform-account-calls';
import { platformContentCalls, type PlatformContentCalls } from './platform-content-calls';
import {
  createPlatformTransport,
  type CallOptions,
  type PlatformTransportOptions,
} from './platform-transport';
import { checkInternalToken } from './check-internal-token';

export type PlatformClientOptions = PlatformTransportOptions;
export type { CallOptions };
export type { PlatformSignIn } from './platform-account-calls';

/**
 * The typed client of PLATFORM_API.md. Request bodies are checked against the platform's
 * constraints before anything is sent; answers are parsed with schemas; every failure is a
 * DailiesError (see platform-answer.ts for the mapping). The calls live by subject: the
 * account (platform-account-calls.ts) and the contents (platform-content-calls.ts).
 */
export interface PlatformClient extends PlatformAccountCalls, PlatformContentCalls {
  readonly baseUrl: string;
  /** Resolves when the platform accepts the internal token; reads and writes no data. */
  checkInternalToken(options?: CallOptions): Promise<void>;
}

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const transport = createPlatformTransport(options);
  return {
    baseUrl: transport.baseUrl,
    ...platformAccountCalls(transport, options.clock),
    ...platformContentCalls(transport),
    checkInternalToken: (o) => checkInternalToken(transport, o),
  };
}
