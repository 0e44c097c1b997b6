import { describe, expect, it } from 'vitest';
import { stillPath, type StillKind } from '../../src/shared/media-urls';
import { webStillUrl } from '../../src/renderer/transport/pick-transport';

/** How the address was built before it was built as a string: URL's own serialisation. */
function withUrl(origin: string, token: string, id: number, kind: StillKind, version: number) {
  const url = new URL(stillPath(id, kind, version), origin);
  url.searchParams.set('token', token);
  return url.href;
}

describe("a still's address in the browser", () => {
  it('is the one URL builds, for every still and for tokens that need encoding', () => {
    const kinds: StillKind[] = ['thumbnail', 'filmstrip', 'filmstripIndex'];
    for (const origin of ['http://127.0.0.1:4567', 'http://127.0.0.1:4567/']) {
      for (const token of ['GshZX9TIQFvBIs2t4DDCjuabOQO_v2uCm', 'a b+c/d=e&f?g#h%', 'é']) {
        const stillUrl = webStillUrl(origin, token);
        for (const kind of kinds) {
          for (const [id, version] of [
            [1, 0],
            [100_000, 1_796_618_438_352],
          ] as const) {
            expect(stillUrl(id, kind, version)).toBe(withUrl(origin, token, id, kind, version));
          }
        }
      }
    }
  });
});
