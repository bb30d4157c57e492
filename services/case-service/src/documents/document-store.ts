import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** What the store saw when it wrote the bytes: the caller checks it against what the uploader declared. */
export interface StoredBytes {
  sha256: string;
  size: number;
}

/**
 * Where document bytes live. The local-disk version serves development and tests; an object store (S3, OSS,
 * MinIO) implements the same three calls in production. Keys are made by the server (`<caseId>/<documentId>`),
 * never taken from a client's file name.
 */
export interface DocumentStore {
  /** Stores the bytes under the key, replacing any earlier bytes in one step: readers see old or new, never half. */
  put(key: string, bytes: Buffer): Promise<StoredBytes>;
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

export function sha256Of(bytes: Buffer): StoredBytes {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
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
    async put(key, bytes) {
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside the target and renamed over it: rename is atomic within a directory, so a crash or a
      // concurrent reader never sees a half-written document.
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return sha256Of(bytes);
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
