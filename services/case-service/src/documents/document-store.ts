import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkedBytes, type ExpectedBytes, feed, type StoredBytes } from './document-bytes';

/**
 * Where document bytes live: a directory on this machine (`createLocalDiskDocumentStore`: development, tests, a town
 * on one machine) or an S3-compatible object store shared by every replica (`createS3DocumentStore`). Keys are made by
 * the server (`<caseId>/<documentId>`), never taken from a client's file name. Bytes stream through both ways: a
 * 20 MiB document is never held in memory whole.
 */
export interface DocumentStore {
  /**
   * Stores the bytes under the key if they are the expected ones, replacing any earlier bytes in one step: readers see
   * old or new, never half. Other bytes are refused with `DocumentBytesMismatchError` (what arrived is on it) and leave
   * the key as it was; a failing source fails the put with the source's own error, likewise storing nothing. The
   * source is read, never destroyed: it stays its owner's.
   */
  put(key: string, bytes: Readable, expected: ExpectedBytes): Promise<StoredBytes>;
  /** The bytes under the key, or undefined when there are none. */
  get(key: string): Promise<Readable | undefined>;
  /** Removes the bytes; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** The key of a document's bytes: made from ids only, so it can never name a path of the client's choosing. */
export function documentKey(caseId: string, documentId: string): string {
  return `${caseId}/${documentId}`;
}

/** Segments of letters, digits, `-` and `_`, joined by `/`: no `.`, so no `..`, no hidden files, no absolute paths. */
export const DOCUMENT_KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export class InvalidDocumentKeyError extends Error {
  constructor() {
    // The key itself stays out of the message: it is only ever ids, but a bad one could be anything.
    super('document key refused: use segments of letters, digits, "-" and "_" separated by "/"');
    this.name = 'InvalidDocumentKeyError';
  }
}

/** Document bytes as files under `root`, one per key. */
export function createLocalDiskDocumentStore(root: string): DocumentStore {
  const base = path.resolve(root);

  function pathOf(key: string): string {
    if (!DOCUMENT_KEY_PATTERN.test(key)) throw new InvalidDocumentKeyError();
    const file = path.resolve(base, ...key.split('/'));
    // Belt and braces: the pattern already rules out escaping, this makes it impossible whatever the pattern says.
    const relative = path.relative(base, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new InvalidDocumentKeyError();
    return file;
  }

  const isMissing = (error: unknown) =>
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';

  return {
    async put(key, bytes, expected) {
      const file = pathOf(key);
      const check = checkedBytes(expected);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside the target and renamed over it once the digest matched: rename is atomic within a directory,
      // so a crash, wrong bytes or a concurrent reader never see a half-written or wrong document.
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        const handle = await open(temp, 'wx', 0o600);
        const out = createWriteStream('', { fd: handle, flush: true });
        feed(bytes, check);
        // The write stream closes the file, failed or not; `flush` syncs it to the disk before it does.
        await pipeline(check, out);
        await rename(temp, file);
      } catch (error) {
        check.destroy();
        await rm(temp, { force: true });
        throw error;
      }
      return check.received();
    },

    async get(key) {
      const file = pathOf(key);
      try {
        // Opened first, so a missing file is an answer here and not an error in the middle of a response.
        const handle = await open(file, 'r');
        return handle.createReadStream();
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}
