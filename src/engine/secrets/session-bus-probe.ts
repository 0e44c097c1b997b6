import net from 'node:net';
import path from 'node:path';

/**
 * Whether the D-Bus session bus is alive, asked before the keychain binding touches it.
 *
 * Why: on Linux the binding (@napi-rs/keyring) connects to the session bus on the calling
 * thread, synchronously and with no time limit. A bus daemon that takes connections but never
 * answers (hung, stopped) would freeze the engine's whole event loop: no upload, no queue, no
 * answer to the window, and no message. This asks the bus for its authentication handshake
 * from an ordinary socket, with a deadline, and the binding is only called once it answered.
 */
export type SessionBusState = 'answers' | 'silent' | 'absent';

/**
 * The session bus's socket: from DBUS_SESSION_BUS_ADDRESS (its first `unix:path=` or
 * `unix:abstract=` address), else systemd's per-user default. Null when neither applies
 * (a TCP bus, no runtime dir): the binding then reports the problem itself.
 */
export function sessionBusSocket(env: NodeJS.ProcessEnv, uid: number): string | null {
  const address = env.DBUS_SESSION_BUS_ADDRESS?.trim();
  if (!address) {
    const runtimeDir = env.XDG_RUNTIME_DIR?.trim() || `/run/user/${uid}`;
    return path.join(runtimeDir, 'bus');
  }
  for (const entry of address.split(';')) {
    const [transport, params = ''] = entry.split(/:(.*)/s);
    if (transport !== 'unix') continue;
    const values = new Map(
      params.split(',').map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))] as const;
      }),
    );
    const socketPath = values.get('path');
    if (socketPath) return socketPath;
    // An abstract socket has no file: Node reaches it by a name starting with NUL.
    const abstract = values.get('abstract');
    if (abstract) return `\0${abstract}`;
  }
  return null;
}

/**
 * Opens the bus's socket and starts its handshake (a NUL byte, then `AUTH EXTERNAL <uid>`):
 * any answer line means its daemon is alive; none within `timeoutMs` means it is hung; a
 * socket that cannot be opened means there is no bus. The connection is closed either way,
 * before any message, so the bus sees one short-lived client.
 */
export function probeSessionBus(
  socketPath: string,
  uid: number,
  timeoutMs: number,
): Promise<SessionBusState> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    let settled = false;
    let answer = '';
    const settle = (state: SessionBusState) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => settle('silent'), timeoutMs);
    socket.once('connect', () => {
      const hexUid = Buffer.from(String(uid)).toString('hex');
      socket.write(`\0AUTH EXTERNAL ${hexUid}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) settle('answers');
    });
    socket.once('error', () => settle('absent'));
    socket.once('close', () => settle(answer ? 'answers' : 'absent'));
  });
}
