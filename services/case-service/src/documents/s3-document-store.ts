import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Logger } from 'pino';
import { checkedBytes, feed } from './document-bytes';
import { DOCUMENT_KEY_PATTERN, type DocumentStore, InvalidDocumentKeyError } from './document-store';

export interface S3DocumentStoreOptions {
  /** The server's base URL (http://127.0.0.1:28333 for the test profile's SeaweedFS). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Segments like a key's (`town-a`, `test/run-1`): the bucket may hold other towns' or test runs' documents too. */
  prefix?: string;
  /** Where the S3 client's own warnings go (every failure also reaches the caller as an error). */
  logger?: Logger;
}

export interface S3DocumentStore extends DocumentStore {
  /** Resolves when the bucket is there and these credentials may use it; rejects otherwise (readiness). */
  ready(): Promise<void>;
  /** Closes the client's kept-alive connections. */
  close(): void;
}

/** A connection that cannot be made in this long is not going to be: answer with an error rather than hang. */
const CONNECT_TIMEOUT_MS = 5_000;
/** How long `ready()` waits for the bucket's answer. */
const READY_TIMEOUT_MS = 1_500;

/**
 * Document bytes as objects of an S3-compatible store (SeaweedFS, MinIO, Alibaba OSS, AWS S3), one per key, addressed
 * by path (`<endpoint>/<bucket>/<prefix>/<key>`), which every such server understands. A PUT carries the SHA-256 the
 * uploader registered, so a server that checks it (SeaweedFS, AWS) refuses other bytes itself; and the bytes reach the
 * server through `checkedBytes`, which never completes a PUT with wrong bytes, so one that does not check cannot store
 * them either. A single PUT replaces an object atomically: readers see the old object or the new one.
 */
export function createS3DocumentStore(options: S3DocumentStoreOptions): S3DocumentStore {
  const prefix = options.prefix ?? '';
  if (prefix !== '' && !DOCUMENT_KEY_PATTERN.test(prefix)) {
    throw new Error('the S3 key prefix must be segments of letters, digits, "-" and "_" separated by "/"');
  }
  const logger = options.logger;
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The PUT names its SHA-256 itself, and a GET asks for its check explicitly: without these the client would add a
    // CRC32 of its own in a chunked trailer, which not every S3-compatible server reads, and wrap the body in a
    // stream of its own that fails the whole process when the document's stream fails.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS },
    // Its info and debug lines are each command's input and output; its warnings repeat errors the caller gets.
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...content: unknown[]) => logger?.debug({ s3: content.map(String).join(' ') }, 'S3 client warning'),
      error: (...content: unknown[]) => logger?.warn({ s3: content.map(String).join(' ') }, 'S3 client error'),
    },
  });

  function objectKey(key: string): string {
    if (!DOCUMENT_KEY_PATTERN.test(key)) throw new InvalidDocumentKeyError();
    return prefix === '' ? key : `${prefix}/${key}`;
  }

  return {
    async put(key, bytes, expected) {
      const Key = objectKey(key);
      const check = checkedBytes(expected);
      // The request is cut when the bytes fail (wrong, too many, or the source broke): the server then holds a body
      // short of its Content-Length, which it never stores, and the put fails with why the bytes failed.
      const abort = new AbortController();
      let failure: unknown;
      check.once('error', (error) => {
        failure = error;
        abort.abort();
      });
      feed(bytes, check);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key,
            Body: check,
            ContentLength: expected.size,
            ChecksumSHA256: Buffer.from(expected.sha256, 'hex').toString('base64'),
          }),
          { abortSignal: abort.signal },
        );
      } catch (error) {
        check.destroy();
        if (failure !== undefined) throw failure;
        if (error instanceof S3ServiceException && error.name === 'BadDigest') {
          // The bytes hashed right here and wrong there: changed on the way, a fault to retry, not the uploader's.
          throw new Error('the object store computed another SHA-256 than the bytes sent to it; nothing was stored', {
            cause: error,
          });
        }
        throw error;
      }
      return check.received();
    },

    async get(key) {
      try {
        const object = await client.send(
          // With ENABLED the client checks the object's SHA-256 as it streams, and fails the stream if it differs:
          // a download cut short, never a damaged document served whole.
          new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key), ChecksumMode: 'ENABLED' }),
        );
        const body = object.Body;
        if (!(body instanceof Readable)) throw new Error('the S3 client answered a GET without a stream of bytes');
        return body;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },

    async delete(key) {
      // S3 answers a DELETE of a missing object as of a present one.
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
    },

    async ready() {
      // HEAD of the bucket (the credentials need s3:ListBucket on it): unreachable, unknown credentials and a missing
      // bucket all fail it, and nothing is read. Given up before the readiness check's own 2 s, retries included, so
      // probes of a hung store never pile up.
      await client.send(new HeadBucketCommand({ Bucket: options.bucket }), {
        abortSignal: AbortSignal.timeout(READY_TIMEOUT_MS),
      });
    },

    close() {
      client.destroy();
    },
  };
}
