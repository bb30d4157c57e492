import { randomBytes } from 'node:crypto';
import { createPartyCrypto, SealedValueError } from './party-crypto';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const blindIndexKey = randomBytes(32);
const partyId = '6f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60';

describe('party crypto', () => {
  it('round-trips a value, with a fresh IV every time and no plaintext in the ciphertext', () => {
    const crypto = createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k1', blindIndexKey });
    const a = crypto.seal('idNumber', partyId, '11010519491231002X');
    const b = crypto.seal('idNumber', partyId, '11010519491231002X');
    expect(a.keyId).toBe('k1');
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
    expect(Buffer.from(a.ciphertext).toString('latin1')).not.toContain('11010519491231002X');
    expect(a.ciphertext.length).toBe(12 + 18 + 16);
    expect(crypto.open('idNumber', partyId, a)).toBe('11010519491231002X');
  });

  it('rotates: new writes use the active key, values sealed with an older key still open', () => {
    const before = createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k1', blindIndexKey });
    const old = before.seal('phone', partyId, '13800138000');
    const after = createPartyCrypto({
      encryptionKeys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      activeKeyId: 'k2',
      blindIndexKey,
    });
    expect(after.open('phone', partyId, old)).toBe('13800138000');
    const fresh = after.seal('phone', partyId, '13800138000');
    expect(fresh.keyId).toBe('k2');
    expect(after.open('phone', partyId, fresh)).toBe('13800138000');
  });

  it('refuses a value whose key was removed, naming the key but not the data', () => {
    const before = createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k1', blindIndexKey });
    const sealed = before.seal('phone', partyId, '13800138000');
    const after = createPartyCrypto({ encryptionKeys: new Map([['k2', k2]]), activeKeyId: 'k2', blindIndexKey });
    expect(() => after.open('phone', partyId, sealed)).toThrow(SealedValueError);
    expect(() => after.open('phone', partyId, sealed)).toThrow(/k1/);
  });

  it('binds a value to its field and party: swapped or tampered ciphertext does not open', () => {
    const crypto = createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k1', blindIndexKey });
    const sealed = crypto.seal('phone', partyId, '13800138000');
    expect(() => crypto.open('idNumber', partyId, sealed)).toThrow(SealedValueError);
    expect(() => crypto.open('phone', '00000000-0000-4000-8000-000000000000', sealed)).toThrow(SealedValueError);
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[14] = (tampered[14] ?? 0) ^ 1;
    expect(() => crypto.open('phone', partyId, { ...sealed, ciphertext: tampered })).toThrow(/integrity/);
  });

  it('computes a stable blind index that depends on the key and reveals nothing', () => {
    const one = createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k1', blindIndexKey });
    const again = createPartyCrypto({ encryptionKeys: new Map([['k2', k2]]), activeKeyId: 'k2', blindIndexKey });
    const otherKey = createPartyCrypto({
      encryptionKeys: new Map([['k1', k1]]),
      activeKeyId: 'k1',
      blindIndexKey: randomBytes(32),
    });
    const index = one.blindIndex('11010519491231002X');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(again.blindIndex('11010519491231002X')).toBe(index);
    expect(otherKey.blindIndex('11010519491231002X')).not.toBe(index);
    expect(one.blindIndex('110101199003078515')).not.toBe(index);
  });

  it('refuses short keys and an active key that is not configured', () => {
    expect(() =>
      createPartyCrypto({ encryptionKeys: new Map([['k1', randomBytes(16)]]), activeKeyId: 'k1', blindIndexKey }),
    ).toThrow(/32 bytes/);
    expect(() =>
      createPartyCrypto({ encryptionKeys: new Map([['k1', k1]]), activeKeyId: 'k9', blindIndexKey }),
    ).toThrow(/k9/);
  });
});
