/**
 * Checking a document's bytes against what its uploader registered, while they stream through: every store runs its
 * writes through `checkedBytes`, so wrong bytes are refused the same way whatever the store.
 */
import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';

/** What the store saw when it wrote the bytes. */
export interface StoredBytes {
  /** Lowercase hex. */
  sha256: string;
  size: number;
}

/** What the bytes must be: the SHA-256 (lowercase hex) and size the uploader registered. */
export type ExpectedBytes = StoredBytes;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The bytes that arrived are not the ones expected: nothing was stored, and what was under the key stays. */
export class DocumentBytesMismatchError extends Error {
  constructor(
    readonly expected: ExpectedBytes,
    readonly received: StoredBytes,
  ) {
    super(
      `document bytes refused: received ${received.size} bytes with SHA-256 ${received.sha256}, ` +
        `expected ${expected.size} with ${expected.sha256}`,
    );
    this.name = 'DocumentBytesMismatchError';
  }
}

export function sha256Of(bytes: Buffer): StoredBytes {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** The digest and size of a whole stream, reading it to its end. */
export async function digestOf(bytes: Readable): Promise<StoredBytes> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of bytes) {
    const buffer = asBuffer(chunk);
    hash.update(buffer);
    size += buffer.length;
  }
  return { sha256: hash.digest('hex'), size };
}

function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('document bytes must be a stream of Buffers');
}

/** A pass-through that refuses, at the end, bytes other than `expected`; `received` is what went in. */
export interface CheckedBytes extends Transform {
  received(): StoredBytes;
}

/**
 * Passes the bytes on while hashing and counting them, and holds the last chunk back until the end shows they are the
 * expected ones: a writer behind it never receives a complete wrong document. That matters for an object store, where
 * a PUT whose body reaches its Content-Length is stored whatever the digest (unless the server checks it), but one cut
 * short never is. Past the expected size nothing more is passed on; the rest is only counted, for the refusal.
 */
export function checkedBytes(expected: ExpectedBytes): CheckedBytes {
  if (!SHA256_HEX.test(expected.sha256) || !Number.isSafeInteger(expected.size) || expected.size < 0) {
    throw new TypeError('expected bytes need a lowercase hex SHA-256 and a size of 0 or more');
  }
  const hash = createHash('sha256');
  let size = 0;
  let held: Buffer | undefined;
  let overflowed = false;
  let digest: string | undefined;
  const received = (): StoredBytes => {
    digest ??= hash.digest('hex');
    return { sha256: digest, size };
  };
  const transform = new Transform({
    transform(chunk: unknown, _encoding: BufferEncoding, done: TransformCallback) {
      const buffer = asBuffer(chunk);
      // An empty chunk held back would let everything before it through: with it, a body of exactly the expected size.
      if (buffer.length === 0) return done();
      hash.update(buffer);
      size += buffer.length;
      if (overflowed) return done();
      if (size > expected.size) {
        // The held chunk goes nowhere either: what was passed on stays short of the expected size.
        overflowed = true;
        held = undefined;
        return done();
      }
      if (held) this.push(held);
      held = buffer;
      done();
    },
    flush(done: TransformCallback) {
      const got = received();
      if (got.size !== expected.size || got.sha256 !== expected.sha256) {
        done(new DocumentBytesMismatchError(expected, got));
        return;
      }
      if (held) this.push(held);
      done();
    },
  });
  return Object.assign(transform, { received });
}

/**
 * Pipes `source` into `target` without taking the source over: when the target fails, the source is only unpiped,
 * not destroyed, so an HTTP request being read can still be answered (Node drains the rest of its body). A source
 * that fails fails the target with its own error.
 */
export function feed(source: Readable, target: Writable): void {
  const fail = (error: Error) => target.destroy(error);
  source.once('error', fail);
  target.once('close', () => source.off('error', fail));
  source.pipe(target);
}
