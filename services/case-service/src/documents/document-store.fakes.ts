import { Readable } from 'node:stream';
import { DOCUMENT_KEY_PATTERN, type DocumentStore, InvalidDocumentKeyError, sha256Of } from './document-store';

/** Document bytes in memory, refusing the same keys as the disk store. */
export function createInMemoryDocumentStore(): DocumentStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const checked = (key: string) => {
    if (!DOCUMENT_KEY_PATTERN.test(key)) throw new InvalidDocumentKeyError();
    return key;
  };
  return {
    files,
    async put(key, bytes) {
      files.set(checked(key), Buffer.from(bytes));
      return sha256Of(bytes);
    },
    async get(key) {
      const bytes = files.get(checked(key));
      return bytes ? Readable.from([bytes]) : undefined;
    },
    async delete(key) {
      files.delete(checked(key));
    },
  };
}
