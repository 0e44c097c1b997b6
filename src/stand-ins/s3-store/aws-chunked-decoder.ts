/**
 * Incremental decoder of S3's `aws-chunked` content encoding, the body the SDK sends when it
 * streams with a trailing checksum:
 *
 *   <hex size>[;chunk-signature=<sig>]\r\n<size bytes>\r\n ... 0[;...]\r\n<name>:<value>\r\n...\r\n
 *
 * The proxy forwards the encoded bytes untouched; this only recovers the payload (to hash it)
 * and the trailers (to compare with the hashes).
 */
export class AwsChunkedDecoder {
  private state: 'size' | 'data' | 'data-end' | 'trailers' | 'done' = 'size';
  private line = '';
  private remaining = 0;
  private failure: string | undefined;
  readonly trailers: Record<string, string> = {};
  decodedLength = 0;

  constructor(private readonly onData: (payload: Buffer) => void) {}

  /** Why the framing is broken, once it is; the rest of the body is then ignored. */
  get error(): string | undefined {
    // Lenient on the final empty line after the trailers, which some clients leave out.
    const ended = this.state === 'done' || (this.state === 'trailers' && this.line === '');
    if (this.failure === undefined && !ended) return 'the body ends early';
    return this.failure;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.failure === undefined) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, chunk.length - at);
        this.onData(chunk.subarray(at, at + take));
        this.decodedLength += take;
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        this.failure = 'bytes after the last trailer';
        return;
      }
      // Line-oriented states: read up to the next LF.
      const lf = chunk.indexOf(0x0a, at);
      const end = lf === -1 ? chunk.length : lf + 1;
      this.line += chunk.toString('latin1', at, end);
      at = end;
      if (this.line.length > 8192) this.failure = 'a chunk header is too long';
      if (lf === -1) continue;
      const text = this.line.replace(/\r?\n$/, '');
      this.line = '';
      this.takeLine(text);
    }
  }

  private takeLine(text: string): void {
    switch (this.state) {
      case 'size': {
        const match = /^([0-9a-fA-F]+)(;.*)?$/.exec(text);
        if (!match) {
          this.failure = `a malformed chunk size line "${text.slice(0, 40)}"`;
          return;
        }
        this.remaining = parseInt(match[1]!, 16);
        this.state = this.remaining === 0 ? 'trailers' : 'data';
        return;
      }
      case 'data-end':
        if (text !== '') this.failure = 'a chunk longer than its size';
        else this.state = 'size';
        return;
      case 'trailers': {
        if (text === '') {
          this.state = 'done';
          return;
        }
        const colon = text.indexOf(':');
        if (colon <= 0) {
          this.failure = `a malformed trailer "${text.slice(0, 40)}"`;
          return;
        }
        this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
        return;
      }
      case 'data':
      case 'done':
        return;
    }
  }
}
