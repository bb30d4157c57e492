import type { Principal } from '@gongzhi/contracts';
import { UnauthenticatedError } from '@gongzhi/errors';
import { generateSigningKeyPair } from './keys';
import { createTokenIssuer, createTokenVerifier } from './tokens';
import { canSee } from './visibility';

const mediator: Principal = { staffId: 's-1', agencyId: 'a-village', townCode: 'qingshui', roles: ['mediator'] };

describe('access tokens', () => {
  const pair = generateSigningKeyPair();

  it('round-trips the caller through a token verified with the public key alone', async () => {
    const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 900 });
    const verifier = await createTokenVerifier({ publicKeyPem: pair.publicKeyPem });
    const { token, expiresAt } = await issuer.issue(mediator);
    expect(await verifier.verify(token)).toEqual(mediator);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 800_000);
  });

  it('refuses an expired token with a message that says to log in again', async () => {
    const issuer = await createTokenIssuer({
      privateKeyPem: pair.privateKeyPem,
      ttlSeconds: 60,
      now: () => new Date(Date.now() - 3_600_000),
    });
    const verifier = await createTokenVerifier({ publicKeyPem: pair.publicKeyPem });
    const { token } = await issuer.issue(mediator);
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });

  it('refuses a token signed with another key, and garbage', async () => {
    const forger = await createTokenIssuer({ privateKeyPem: generateSigningKeyPair().privateKeyPem, ttlSeconds: 900 });
    const verifier = await createTokenVerifier({ publicKeyPem: pair.publicKeyPem });
    await expect(verifier.verify((await forger.issue(mediator)).token)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifier.verify('not.a.jwt')).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('visibility', () => {
  const scope = { townCode: 'qingshui', agencyIds: ['a-village', 'a-police'] };

  it('lets agency staff see objects that involve their agency, and nothing else', () => {
    expect(canSee(mediator, scope)).toBe(true);
    expect(canSee({ ...mediator, agencyId: 'a-court' }, scope)).toBe(false);
  });

  it('lets a coordinator see the town, and an administrator everything', () => {
    expect(canSee({ ...mediator, agencyId: 'a-centre', roles: ['coordinator'] }, scope)).toBe(true);
    expect(canSee({ ...mediator, agencyId: 'a-centre', townCode: 'other', roles: ['coordinator'] }, scope)).toBe(false);
    expect(canSee({ ...mediator, agencyId: 'x', townCode: 'other', roles: ['administrator'] }, scope)).toBe(true);
  });
});
