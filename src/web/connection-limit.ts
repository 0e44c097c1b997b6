import type http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps the open connections of the host. The host is for one editor's browser tabs, so a
 * few dozen is plenty; a local program opening thousands must not run the engine out of
 * file handles. A connection over the cap still gets a plain 503 (then it is closed), so
 * whoever opened it reads why, instead of a connection dropped without a word.
 */
export function limitConnections(server: http.Server, max: number): (socket: Socket) => boolean {
  let open = 0;
  const over = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    open += 1;
    if (open > max) over.add(socket);
    socket.once('close', () => {
      open -= 1;
    });
  });
  return (socket) => over.has(socket);
}
