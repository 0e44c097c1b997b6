import { bridgeKey, type ContractTransport, type DailiesBridge } from '../../shared/contract';
import { createHttpTransport } from './http-transport';

export type TransportChoice =
  | { kind: 'electron'; transport: ContractTransport }
  | { kind: 'web'; transport: ContractTransport }
  | { kind: 'no-token' };

/**
 * Chosen once at start: the preload's bridge when the page runs in the desktop app,
 * otherwise HTTP + SSE against the web host that served the page, with the token from the
 * address it printed. The token stays in the address bar so a reload keeps working.
 */
export function pickTransport(win: Window): TransportChoice {
  const bridge = (win as unknown as Record<string, DailiesBridge | undefined>)[bridgeKey];
  if (bridge) return { kind: 'electron', transport: bridge };
  const token = new URL(win.location.href).searchParams.get('token');
  if (!token) return { kind: 'no-token' };
  return {
    kind: 'web',
    transport: createHttpTransport({ origin: win.location.origin, token }),
  };
}
