import { createHash, randomBytes } from 'node:crypto';
import { sha256Software } from './sha256';

const soft = (bytes: Uint8Array) =>
  Buffer.from(
    sha256Software(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  ).toString('hex');
const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the upload digest without crypto.subtle (a console on plain HTTP)', () => {
  it('matches the standard digest of the empty input and "abc"', () => {
    expect(soft(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(soft(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([55, 56, 63, 64, 65, 1000, 70_001])('matches node:crypto on %i random bytes (padding edges)', (size) => {
    const bytes = new Uint8Array(randomBytes(size));
    expect(soft(bytes)).toBe(node(bytes));
  });
});
