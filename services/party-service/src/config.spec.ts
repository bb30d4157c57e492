import { randomBytes } from 'node:crypto';
import { ConfigError } from '@gongzhi/config';
import { loadPartyServiceConfig } from './config';

const key = () => randomBytes(32).toString('base64');

function env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: 'postgresql://gongzhi_party:gongzhi_party@127.0.0.1:15432/party',
    AUTH_PUBLIC_KEY_FILE: '/keys/auth-signing-key.pub.pem',
    AUDIT_CHAIN_KEY_FILE: '/keys/audit-chain-party.key',
    PARTY_ENCRYPTION_KEYS: `k1:${key()},k2:${key()}`,
    PARTY_ENCRYPTION_ACTIVE_KEY_ID: 'k2',
    PARTY_BLIND_INDEX_KEY: key(),
    ...overrides,
  };
}

function problemsOf(source: Record<string, string | undefined>): string {
  try {
    loadPartyServiceConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('party-service configuration', () => {
  it('parses keys into 32-byte buffers and applies defaults', () => {
    const config = loadPartyServiceConfig(env());
    expect([...config.PARTY_ENCRYPTION_KEYS.keys()]).toEqual(['k1', 'k2']);
    expect(config.PARTY_ENCRYPTION_KEYS.get('k2')?.length).toBe(32);
    expect(config.PARTY_BLIND_INDEX_KEY.length).toBe(32);
    expect(config.PORT).toBe(3001);
  });

  it('consumes case events by default, as group party-service with dead letters on party.dlq', () => {
    const config = loadPartyServiceConfig(env());
    expect([
      config.PARTY_CONSUMER,
      config.PARTY_CONSUMER_GROUP,
      config.PARTY_DLQ_TOPIC,
      config.KAFKA_TOPIC_CASE_EVENTS,
    ]).toEqual(['on', 'party-service', 'party.dlq', 'case.events']);
    expect(problemsOf(env({ PARTY_DLQ_TOPIC: 'no spaces please' }))).toMatch(/PARTY_DLQ_TOPIC/);
  });

  it('asks agency-service on the dev stack by default, and refuses an address that is no http(s) URL', () => {
    const config = loadPartyServiceConfig(env());
    expect([config.AGENCY_SERVICE_URL, config.AGENCY_SERVICE_TIMEOUT_MS]).toEqual(['http://127.0.0.1:3003', 3_000]);
    expect(problemsOf(env({ AGENCY_SERVICE_URL: 'ftp://agency.test' }))).toMatch(/AGENCY_SERVICE_URL is invalid/);
  });

  it('fails fast naming every missing key', () => {
    const message = problemsOf(
      env({ PARTY_ENCRYPTION_KEYS: undefined, PARTY_BLIND_INDEX_KEY: undefined, AUTH_PUBLIC_KEY_FILE: undefined }),
    );
    expect(message).toContain('PARTY_ENCRYPTION_KEYS is missing');
    expect(message).toContain('PARTY_BLIND_INDEX_KEY is missing');
    expect(message).toContain('AUTH_PUBLIC_KEY_FILE is missing');
  });

  it('refuses short or malformed keys without printing them', () => {
    const short = randomBytes(16).toString('base64');
    const message = problemsOf(env({ PARTY_ENCRYPTION_KEYS: `k1:${short}`, PARTY_BLIND_INDEX_KEY: short }));
    expect(message).toContain('PARTY_ENCRYPTION_KEYS is invalid');
    expect(message).toContain('PARTY_BLIND_INDEX_KEY is invalid');
    expect(message).toContain('openssl rand -base64 32');
    expect(message).not.toContain(short);
    expect(problemsOf(env({ PARTY_ENCRYPTION_KEYS: key() }))).toContain('keyId:base64');
  });

  it('refuses an active key id that names no configured key', () => {
    expect(problemsOf(env({ PARTY_ENCRYPTION_ACTIVE_KEY_ID: 'k9' }))).toMatch(
      /PARTY_ENCRYPTION_ACTIVE_KEY_ID is invalid: names no key .*k1, k2/,
    );
  });
});
