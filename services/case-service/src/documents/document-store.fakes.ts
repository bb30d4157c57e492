import { Readable } from 'node:stream';
import { checkedBytes, feed } from './document-bytes';
import { DOCUMENT_KEY_PATTERN, type DocumentStore, InvalidDocumentKeyError } from './document-store';

/** Document bytes in memory, refusing the same keys and the same wrong bytes as the real stores. */
export function createInMemoryDocumentStore(): DocumentStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const checked = (key: string) => {
    if (!DOCUMENT_KEY_PATTERN.test(key)) throw new InvalidDocumentKeyError();
    return key;
  };
  return {
    files,
    async put(key, bytes, expected) {
      const checkedKey = checked(key);
      const check = checkedBytes(expected);
      feed(bytes, check);
      const chunks: Buffer[] = [];
      for await (const chunk of check) chunks.push(chunk as Buffer);
      files.set(checkedKey, Buffer.concat(chunks));
      return check.received();
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
