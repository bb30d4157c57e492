import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { checkedBytes, DocumentBytesMismatchError, sha256Of } from './document-bytes';

/** Runs `chunks` through the check; what came out before it ended or failed, and how it failed. */
async function through(chunks: Buffer[], expected: { sha256: string; size: number }) {
  const check = checkedBytes(expected);
  Readable.from(chunks).pipe(check);
  const out: Buffer[] = [];
  try {
    for await (const chunk of check) out.push(chunk as Buffer);
    return { passed: Buffer.concat(out), error: undefined };
  } catch (error) {
    return { passed: Buffer.concat(out), error };
  }
}

const document = randomBytes(256 * 1024);
const chunksOf = (bytes: Buffer) => Array.from({ length: 4 }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));

describe('checking a document’s bytes as they stream', () => {
  it('passes the expected bytes on whole and says what they were', async () => {
    const { passed, error } = await through(chunksOf(document), sha256Of(document));
    expect(error).toBeUndefined();
    expect(passed.equals(document)).toBe(true);
  });

  it('never passes on a whole document of the right size but the wrong digest, so no store can complete it', async () => {
    const damaged = Buffer.from(document);
    damaged[0] = (damaged[0] ?? 0) ^ 0xff;
    // An empty last chunk must not release the chunk held back before it.
    const { passed, error } = await through([...chunksOf(damaged), Buffer.alloc(0)], sha256Of(document));
    expect(error).toBeInstanceOf(DocumentBytesMismatchError);
    expect((error as DocumentBytesMismatchError).received).toEqual(sha256Of(damaged));
    expect(passed.length).toBeLessThan(document.length);
  });

  it('passes on less than the expected size of a longer body, even one that starts with the right document', async () => {
    const longer = Buffer.concat([document, Buffer.from('and more')]);
    const { passed, error } = await through([...chunksOf(document), Buffer.from('and more')], sha256Of(document));
    expect((error as DocumentBytesMismatchError).received).toEqual(sha256Of(longer));
    expect(passed.length).toBeLessThan(document.length);
  });
});
