import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { FileRangeBody } from '../../../src/engine/storage/upload/file-range-body';
import { ReadBuffers } from '../../../src/engine/storage/upload/read-buffers';
import { MiB, writeRandomFile } from './upload-kit';

/** A random file and the range of it a part would send. */
function fileWithRange(size: number, start: number, length: number) {
  const filePath = path.join(tempDir('dailies-range-body-'), 'clip.mp4');
  writeRandomFile(filePath, size);
  const expected = fs.readFileSync(filePath).subarray(start, start + length);
  return { range: { filePath, start, length }, expected };
}

/**
 * A socket stand-in that holds each chunk for a few milliseconds before its write callback,
 * as a slow network does, and checks the chunk still holds the file's bytes at that moment:
 * a buffer filled again before its callback would show another chunk's bytes here.
 */
function slowSocket(expected: Buffer) {
  const received: Buffer[] = [];
  const memories = new Set<ArrayBufferLike>();
  let at = 0;
  let intact = true;
  const socket = new Writable({
    // As an HTTP request: full after every 1 MiB write. The body writes on regardless, up to
    // its buffers, and fills one again only once its callback came.
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      const offset = at;
      at += chunk.length;
      memories.add(chunk.buffer);
      setTimeout(() => {
        if (!chunk.equals(expected.subarray(offset, offset + chunk.length))) intact = false;
        received.push(Buffer.from(chunk));
        done();
      }, 2);
    },
  });
  return { socket, received: () => Buffer.concat(received), memories, intact: () => intact };
}

function openDescriptors(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

describe('a part body read from the file', () => {
  it('sends the range byte-identical through three reused buffers, each kept until flushed', async () => {
    const { range, expected } = fileWithRange(20 * MiB + 17, 3 * MiB + 5, 16 * MiB + 1);
    const socket = slowSocket(expected);
    let counted = 0;
    const body = new FileRangeBody(
      range,
      { onBytes: (bytes) => (counted += bytes) },
      new ReadBuffers(),
    );
    await new Promise<void>((resolve, reject) => {
      socket.socket.on('finish', resolve).on('error', reject);
      body.pipe(socket.socket);
    });
    expect(socket.received().equals(expected)).toBe(true);
    expect(socket.intact()).toBe(true);
    expect(counted).toBe(range.length);
    // 17 chunks went out of three pieces of memory: no fresh buffer per chunk.
    expect(socket.memories.size).toBeLessThanOrEqual(3);
  });

  it('fails the request with the reason when the file is shorter than the range', async () => {
    const { range } = fileWithRange(2 * MiB, 0, 2 * MiB);
    const socket = slowSocket(Buffer.alloc(0));
    const body = new FileRangeBody(
      { ...range, length: 3 * MiB },
      { onBytes: () => {} },
      new ReadBuffers(),
    );
    const failed = new Promise<Error>((resolve) => socket.socket.on('error', resolve));
    body.pipe(socket.socket);
    const error = (await failed) as NodeJS.ErrnoException;
    expect(error.message).toBe('The file ended early.');
    expect(error.code).toBe('ENOENT');
  });

  it('stops reading and closes the file when the request is torn down mid-body', async () => {
    const { range, expected } = fileWithRange(12 * MiB, 0, 12 * MiB);
    const before = openDescriptors();
    const socket = slowSocket(expected);
    let counted = 0;
    const body = new FileRangeBody(
      range,
      { onBytes: (bytes) => (counted += bytes) },
      new ReadBuffers(),
    );
    socket.socket.on('error', () => {});
    body.pipe(socket.socket);
    await new Promise((resolve) => setTimeout(resolve, 5));
    socket.socket.destroy(new Error('connection reset'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counted).toBeLessThan(range.length);
    expect(openDescriptors()).toBe(before);
  });

  it('gives a reader that does not pipe the same bytes', async () => {
    const { range, expected } = fileWithRange(5 * MiB, MiB, 3 * MiB + 9);
    const body = new FileRangeBody(range, { onBytes: () => {} }, new ReadBuffers());
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });
});

describe('a part body torn down while a chunk waits for the limiter', () => {
  it('counts only the bytes it handed to the request', async () => {
    const { range, expected } = fileWithRange(4 * MiB, 0, 4 * MiB);
    // A limiter that grants the first chunk at once and holds the second until told.
    let grant: (() => void) | undefined;
    let takes = 0;
    const held = new Promise<void>((resolve) => (grant = resolve));
    let holding: () => void = () => {};
    const asked = new Promise<void>((resolve) => (holding = resolve));
    const limiter = {
      take: () => {
        takes += 1;
        if (takes === 1) return Promise.resolve();
        holding();
        return held;
      },
      setRate: () => {},
      granted: () => 0,
    };
    const socket = slowSocket(expected);
    let counted = 0;
    const body = new FileRangeBody(
      range,
      { limiter, onBytes: (bytes) => (counted += bytes) },
      new ReadBuffers(),
    );
    socket.socket.on('error', () => {});
    body.pipe(socket.socket);
    await asked;
    // The request fails (a reset, the SDK's timeout); the part gives back what it counted
    // (send-part.ts: progress.retract(sent)) and destroys the body.
    socket.socket.destroy(new Error('connection reset'));
    const countedAtFailure = counted;
    body.destroy();
    grant?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A byte counted after the retract stays in the file's progress for good.
    expect(counted).toBe(countedAtFailure);
  });
});
