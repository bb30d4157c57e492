/**
 * A document upload's body, read as a stream and handed to the store as it arrives, so a 20 MiB upload never sits in
 * memory whole. It is read the way Express's body parser would read it (decoded per Content-Encoding, limited to 20
 * MiB, a broken body answered as on every other route), so the problems an uploader sees are the same.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { MAX_DOCUMENT_BYTES } from '@gongzhi/contracts';
import { AppError, PROBLEM_TYPES } from '@gongzhi/errors';
import type { Request, RequestHandler } from 'express';

function documentTooLarge(): AppError {
  return new AppError(413, PROBLEM_TYPES.payloadTooLarge, 'Document too large', {
    detail: 'Documents may be at most 20 MiB: split or compress the file, register it again and upload that.',
  });
}

/** The body parser's error shape (`type`, `status`): the shared problem middleware answers it as on any route. */
function bodyError(type: string, status: number, message: string): Error {
  return Object.assign(new Error(message), { type, status });
}

function unsupportedEncoding(encoding: string): Error {
  return bodyError('encoding.unsupported', 415, `unsupported content encoding "${encoding}"`);
}

const DECODERS = { gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress } as const;
type Encoding = keyof typeof DECODERS | 'identity';

function encodingOf(req: Request): string {
  return (req.headers['content-encoding'] ?? 'identity').toLowerCase();
}

function isKnownEncoding(encoding: string): encoding is Encoding {
  return encoding === 'identity' || Object.hasOwn(DECODERS, encoding);
}

/**
 * What can be refused from the headers alone, before any byte is read: an encoding that cannot be decoded (415), and
 * a declared length over the limit (413). Runs after the route's guard, so only staff are ever read from at all.
 */
export function refuseUnreadableUpload(): RequestHandler {
  return (req, _res, next) => {
    const encoding = encodingOf(req);
    if (!isKnownEncoding(encoding)) {
      next(unsupportedEncoding(encoding));
      return;
    }
    // An encoded body's length says nothing about its decoded size: that is counted as it arrives.
    if (encoding === 'identity' && Number(req.headers['content-length']) > MAX_DOCUMENT_BYTES) {
      next(documentTooLarge());
      return;
    }
    next();
  };
}

/** Pipes on, failing `target` with `wrap`'s error when `source` fails. */
function forward(source: Readable, target: Transform, wrap: (error: Error) => Error): void {
  source.once('error', (error) => target.destroy(wrap(error)));
  source.pipe(target);
}

/**
 * The upload's bytes, decoded, as a stream that fails with the 413 problem past 20 MiB and with the body parser's 400
 * when the body cannot be read (the client went away, a broken gzip). No body at all is zero bytes.
 */
export function uploadedBytes(req: Request): Readable {
  // Read already (a JSON body, by the app's JSON parser): nothing is left, and a pipe from it would never end.
  if (req.readableEnded) return Readable.from([]);
  let size = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      size += chunk.length;
      if (size > MAX_DOCUMENT_BYTES) done(documentTooLarge());
      else done(null, chunk);
    },
  });
  const unreadable = () => bodyError('request.aborted', 400, 'the request body could not be read to its end');
  const encoding = encodingOf(req);
  if (!isKnownEncoding(encoding)) throw unsupportedEncoding(encoding);
  if (encoding === 'identity') {
    forward(req, limited, unreadable);
    return limited;
  }
  const decoder = DECODERS[encoding]();
  forward(req, decoder, unreadable);
  forward(decoder, limited, unreadable);
  limited.once('close', () => decoder.destroy());
  return limited;
}

/**
 * After a failed upload, reads what is left of the body and drops it: an answer sent while the client is still
 * sending would otherwise leave it writing to a connection nobody reads.
 */
export function discardRest(req: Request): void {
  req.unpipe();
  req.resume();
}
