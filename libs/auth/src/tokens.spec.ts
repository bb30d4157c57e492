import { importPKCS8, SignJWT } from 'jose';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type Principal,
  WORKFLOW_ENGINE_TOKEN_ISSUER,
} from '@gongzhi/contracts';
import { UnauthenticatedError } from '@gongzhi/errors';
import { generateSigningKeyPair } from './keys';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  MAX_ACCESS_TOKEN_TTL_SECONDS,
  MAX_SERVICE_TOKEN_TTL_SECONDS,
  WORKFLOW_ENGINE_PRINCIPAL,
} from './tokens';
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

  it('remembers a verified token until it expires, then refuses it like any expired token', async () => {
    let clock = Date.now();
    const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 60 });
    const verifier = await createTokenVerifier({ publicKeyPem: pair.publicKeyPem, now: () => new Date(clock) });
    const { token } = await issuer.issue(mediator);
    const first = await verifier.verify(token);
    // A caller changing its copy changes nothing for the next request with the same token.
    first.roles.push('administrator');
    expect(await verifier.verify(token)).toEqual(mediator);
    // The same claims under another signature are not the remembered token.
    const [header, payload] = token.split('.');
    await expect(verifier.verify(`${header}.${payload}.${'A'.repeat(86)}`)).rejects.toThrow(UnauthenticatedError);
    clock += 61_000;
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });

  it('refuses a token signed with another key, and garbage', async () => {
    const forger = await createTokenIssuer({ privateKeyPem: generateSigningKeyPair().privateKeyPem, ttlSeconds: 900 });
    const verifier = await createTokenVerifier({ publicKeyPem: pair.publicKeyPem });
    await expect(verifier.verify((await forger.issue(mediator)).token)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifier.verify('not.a.jwt')).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

/**
 * A token signed with the right key whose time claims are whatever the test says: what a stolen signing key, or a
 * signer with a bug, could produce. `undefined` leaves a claim out.
 */
async function signWithTimes(
  privateKeyPem: string,
  times: { iat?: number; exp?: number },
  issuer: string = ACCESS_TOKEN_ISSUER,
  roles: string[] = ['mediator'],
): Promise<string> {
  const jwt = new SignJWT({ agency: 'a-village', town: 'qingshui', roles, ...times })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject('s-1')
    .setIssuer(issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE);
  return jwt.sign(await importPKCS8(privateKeyPem, 'EdDSA'));
}

describe('time claims', () => {
  const pair = generateSigningKeyPair();
  const workerPair = generateSigningKeyPair();
  const nowSeconds = Date.parse('2026-10-08T01:00:00Z') / 1000;
  const verifier = () =>
    createTokenVerifier({
      publicKeyPem: pair.publicKeyPem,
      workflowEnginePublicKeyPem: workerPair.publicKeyPem,
      now: () => new Date(nowSeconds * 1000),
    });

  it('accepts a token issued now for fifteen minutes, and one issued by a clock up to a minute ahead', async () => {
    const v = await verifier();
    await expect(
      v.verify(await signWithTimes(pair.privateKeyPem, { iat: nowSeconds, exp: nowSeconds + 900 })),
    ).resolves.toMatchObject({ staffId: 's-1' });
    const ahead = await signWithTimes(pair.privateKeyPem, { iat: nowSeconds + 60, exp: nowSeconds + 960 });
    await expect(v.verify(ahead)).resolves.toMatchObject({ staffId: 's-1' });
  });

  it('refuses a correctly signed token without exp: it would never run out', async () => {
    const v = await verifier();
    const token = await signWithTimes(pair.privateKeyPem, { iat: nowSeconds });
    await expect(v.verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a correctly signed token without iat, or with a non-numeric one', async () => {
    const v = await verifier();
    await expect(v.verify(await signWithTimes(pair.privateKeyPem, { exp: nowSeconds + 900 }))).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    // A string where a number belongs: typed loosely, as a forger would write it.
    const oddClaims: Record<string, unknown> = {
      agency: 'a',
      town: 'qingshui',
      roles: ['mediator'],
      iat: 'now',
      exp: nowSeconds + 9,
    };
    const odd = await new SignJWT(oddClaims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('s-1')
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .sign(await importPKCS8(pair.privateKeyPem, 'EdDSA'));
    await expect(v.verify(odd)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a token issued more than a minute in the future, with a message saying so', async () => {
    const v = await verifier();
    const future = await signWithTimes(pair.privateKeyPem, { iat: nowSeconds + 61, exp: nowSeconds + 961 });
    await expect(v.verify(future)).rejects.toThrow(/issued in the future/);
    const farFuture = await signWithTimes(pair.privateKeyPem, {
      iat: nowSeconds + 10 * 365 * 86_400,
      exp: nowSeconds + 10 * 365 * 86_400 + 900,
    });
    await expect(v.verify(farFuture)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses lifetimes longer than the issuer may grant: a day for staff, an hour for the worker', async () => {
    const v = await verifier();
    const day = await signWithTimes(pair.privateKeyPem, {
      iat: nowSeconds,
      exp: nowSeconds + MAX_ACCESS_TOKEN_TTL_SECONDS,
    });
    await expect(v.verify(day)).resolves.toMatchObject({ staffId: 's-1' });
    const tooLong = await signWithTimes(pair.privateKeyPem, {
      iat: nowSeconds,
      exp: nowSeconds + MAX_ACCESS_TOKEN_TTL_SECONDS + 1,
    });
    await expect(v.verify(tooLong)).rejects.toThrow(/lifetime/);
    const workerHour = await signWithTimes(
      workerPair.privateKeyPem,
      { iat: nowSeconds, exp: nowSeconds + MAX_SERVICE_TOKEN_TTL_SECONDS + 1 },
      WORKFLOW_ENGINE_TOKEN_ISSUER,
      ['workflow-engine'],
    );
    await expect(v.verify(workerHour)).rejects.toThrow(/lifetime/);
  });

  it('will not mint tokens longer than verifiers accept', async () => {
    await expect(
      createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: MAX_ACCESS_TOKEN_TTL_SECONDS + 1 }),
    ).rejects.toThrow(/lifetime/);
    await expect(
      createServiceTokenSource({
        privateKeyPem: workerPair.privateKeyPem,
        ttlSeconds: MAX_SERVICE_TOKEN_TTL_SECONDS + 1,
      }),
    ).rejects.toThrow(/lifetime/);
  });
});

/** Signs whatever claims a forger likes, with whichever key they hold. */
async function forge(privateKeyPem: string, issuer: string, roles: string[], sub = 'service:dispute-worker') {
  return new SignJWT({ agency: 'service', town: '*', roles })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importPKCS8(privateKeyPem, 'EdDSA'));
}

describe('workflow-engine service tokens', () => {
  const staffKeys = generateSigningKeyPair();
  const workerKeys = generateSigningKeyPair();
  const verifierOptions = { publicKeyPem: staffKeys.publicKeyPem, workflowEnginePublicKeyPem: workerKeys.publicKeyPem };

  it('accepts a token the worker minted with its own key, as the workflow engine', async () => {
    const source = await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 300 });
    const verifier = await createTokenVerifier(verifierOptions);
    expect(await verifier.verify(await source.token())).toEqual(WORKFLOW_ENGINE_PRINCIPAL);
  });

  it('still accepts staff tokens signed by agency-service beside the worker key', async () => {
    const issuer = await createTokenIssuer({ privateKeyPem: staffKeys.privateKeyPem, ttlSeconds: 900 });
    const verifier = await createTokenVerifier(verifierOptions);
    expect(await verifier.verify((await issuer.issue(mediator)).token)).toEqual(mediator);
  });

  it('refuses a workflow-engine role claimed in a staff-issued token, even one signed with the staff key', async () => {
    const verifier = await createTokenVerifier(verifierOptions);
    const staffSigned = await forge(staffKeys.privateKeyPem, ACCESS_TOKEN_ISSUER, ['workflow-engine']);
    await expect(verifier.verify(staffSigned)).rejects.toBeInstanceOf(UnauthenticatedError);
    // agency-service's issuer will not even sign one.
    const issuer = await createTokenIssuer({ privateKeyPem: staffKeys.privateKeyPem, ttlSeconds: 900 });
    await expect(issuer.issue({ ...mediator, roles: ['workflow-engine'] })).rejects.toThrow(/staff roles only/);
  });

  it('refuses a worker-issued token signed with any key but the worker’s', async () => {
    const verifier = await createTokenVerifier(verifierOptions);
    const withStaffKey = await forge(staffKeys.privateKeyPem, WORKFLOW_ENGINE_TOKEN_ISSUER, ['workflow-engine']);
    const withOtherKey = await forge(generateSigningKeyPair().privateKeyPem, WORKFLOW_ENGINE_TOKEN_ISSUER, [
      'workflow-engine',
    ]);
    await expect(verifier.verify(withStaffKey)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifier.verify(withOtherKey)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a worker-signed token that claims a staff role, alone or beside the engine role', async () => {
    const verifier = await createTokenVerifier(verifierOptions);
    for (const roles of [['administrator'], ['workflow-engine', 'coordinator']]) {
      const token = await forge(workerKeys.privateKeyPem, WORKFLOW_ENGINE_TOKEN_ISSUER, roles);
      await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
  });

  it('refuses every worker token in a service configured without the worker key', async () => {
    const source = await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 300 });
    const verifier = await createTokenVerifier({ publicKeyPem: staffKeys.publicKeyPem });
    await expect(verifier.verify(await source.token())).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses tokens from an issuer nobody configured', async () => {
    const verifier = await createTokenVerifier(verifierOptions);
    const token = await forge(workerKeys.privateKeyPem, 'someone-else', ['workflow-engine']);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('caches the token and mints a new one shortly before it expires', async () => {
    let clock = Date.parse('2026-10-08T01:00:00Z');
    const source = await createServiceTokenSource({
      privateKeyPem: workerKeys.privateKeyPem,
      ttlSeconds: 300,
      now: () => new Date(clock),
    });
    const [first, concurrent] = await Promise.all([source.token(), source.token()]);
    expect(concurrent).toBe(first);
    clock += 200_000; // 100 s left: more than the one-minute margin
    expect(await source.token()).toBe(first);
    clock += 45_000; // 55 s left: replaced before it can expire in flight
    const second = await source.token();
    expect(second).not.toBe(first);
    source.invalidate();
    clock += 1_000;
    expect(await source.token()).not.toBe(second);
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

  it('lets the workflow engine see every object: it runs every town’s cases', () => {
    expect(canSee(WORKFLOW_ENGINE_PRINCIPAL, scope)).toBe(true);
  });
});
