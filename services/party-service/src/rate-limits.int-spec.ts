/**
 * Issue 14, finding 1: the per-address limit must never throttle the workflow engine (a token that verifies with the
 * worker's key), while people and forged worker claims from the same address are limited; and TRUSTED_PROXIES
 * decides which address is counted. Every service wires the same shared middleware (limitByAddress in @gongzhi/auth).
 */
import request from 'supertest';
import { AGENCIES, principal } from './party-service.fakes';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from './testing/party-service-on-postgres';

const PER_IP = 5;

/** The same token with its signature's last characters changed: the claims still say workflow-engine. */
function forged(bearer: string): string {
  const replacement = bearer.endsWith('AAAA') ? 'BBBB' : 'AAAA';
  return bearer.slice(0, -4) + replacement;
}

describe('the per-address limit', () => {
  let service: PartyServiceOnPostgres;
  afterEach(async () => {
    await service?.close();
  });

  it('never refuses a burst of real worker-signed calls, but limits a person from the same address', async () => {
    service = await startPartyServiceOnPostgres({ rateLimits: { perIp: PER_IP, perUser: 1_000 } });
    const worker = await service.workerToken();
    for (let i = 0; i < PER_IP * 6; i += 1) {
      const res = await request(service.app).get('/api/v1/parties').set('Authorization', worker);
      // party-service serves no party to the worker (403), but it never throttles it.
      expect(res.status).not.toBe(429);
    }
    const staff = await service.tokenFor(principal('liaison', AGENCIES.own));
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 1; i += 1) {
      statuses.push((await request(service.app).get('/api/v1/parties').set('Authorization', staff)).status);
    }
    expect(statuses.slice(0, PER_IP).every((status) => status !== 429)).toBe(true);
    expect(statuses[PER_IP]).toBe(429);
  });

  it('counts a forged worker-role token against its address and refuses it as unauthenticated', async () => {
    service = await startPartyServiceOnPostgres({ rateLimits: { perIp: PER_IP, perUser: 1_000 } });
    const fake = forged(await service.workerToken());
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 1; i += 1) {
      statuses.push((await request(service.app).get('/api/v1/parties').set('Authorization', fake)).status);
    }
    expect(statuses.slice(0, PER_IP)).toEqual(Array.from({ length: PER_IP }, () => 401));
    expect(statuses[PER_IP]).toBe(429);
  });

  it('counts the forwarded client address only when the proxy is trusted', async () => {
    const staffFrom = async (svc: PartyServiceOnPostgres, address: string) =>
      request(svc.app)
        .get('/api/v1/parties')
        .set('Authorization', await svc.tokenFor(principal('liaison', AGENCIES.own)))
        .set('X-Forwarded-For', address);
    // Trusted: each person behind the proxy has an address of their own.
    service = await startPartyServiceOnPostgres({
      rateLimits: { perIp: PER_IP, perUser: 1_000 },
      trustedProxies: ['loopback'],
    });
    for (let i = 0; i < PER_IP * 2; i += 1) {
      expect((await staffFrom(service, `203.0.113.${i + 1}`)).status).not.toBe(429);
    }
    await service.close();
    // Not trusted (the default): X-Forwarded-For is ignored and everyone shares the proxy's address.
    service = await startPartyServiceOnPostgres({ rateLimits: { perIp: PER_IP, perUser: 1_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 1; i += 1) statuses.push((await staffFrom(service, `203.0.113.${i + 1}`)).status);
    expect(statuses[PER_IP]).toBe(429);
  });
});
