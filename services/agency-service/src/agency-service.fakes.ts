import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import { type AuditEntry, createLogger, createInMemoryIdempotencyStore } from '@gongzhi/http';
import type { OutboxMessage } from '@gongzhi/outbox';
import type { AgencyRecord } from './agencies/agencies.model';
import type { AgenciesRepository } from './agencies/agencies.repository';
import {
  type AgencyRepositories,
  type AgencyService,
  type AgencyServiceDeps,
  createAgencyService,
  type RateLimits,
} from './agency-service';
import type { AuthRepository, RefreshTokenRecord } from './auth/auth.repository';
import { admit, deriveLoginThrottleSecret, refund, type StoredThrottleState } from './auth/login-throttle';
import type { DirectoryRepository } from './directory/directory.repository';
import { createAgencyEvents } from './events/agency-events';
import type { PolicyRecord } from './policy/policy.model';
import type { PolicyRepository } from './policy/policy.repository';
import {
  DEMO_AGENCIES,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOWN_CODE,
  DEMO_TOWN_NAME,
  DEMO_VILLAGES,
  type DemoStaff,
} from './seed/demo-town';
import { pageAfter } from './caller';
import { hashPassword, passwordMatches } from './staff/passwords';
import type { StaffRecord } from './staff/staff.model';
import {
  mayRemoveAdministrator,
  SIGNER_ROLES,
  type StaffRepository,
  UsernameTakenError,
} from './staff/staff.repository';
import { type VillageRecord, type VillagesRepository, VillageCodeTakenError } from './villages/villages.repository';

/** bcrypt's cheapest cost: the fakes check real hashes, just without spending 100 ms on each. */
const FAKE_BCRYPT_COST = 4;

export function createInMemoryAgenciesRepository(): AgenciesRepository & { rows: Map<string, AgencyRecord> } {
  const rows = new Map<string, AgencyRecord>();
  const copy = (row: AgencyRecord): AgencyRecord => structuredClone(row);
  return {
    rows,
    async create(agency) {
      const now = new Date();
      const row: AgencyRecord = { ...structuredClone(agency), version: 1, createdAt: now, updatedAt: now };
      rows.set(row.id, row);
      return copy(row);
    },
    async findById(id) {
      const row = rows.get(id);
      return row ? copy(row) : undefined;
    },
    async list(query) {
      const matching = [...rows.values()].filter(
        (row) =>
          (!query.townCode || row.townCode === query.townCode) &&
          (!query.kind || row.kind === query.kind) &&
          (!query.onlyIds || query.onlyIds.includes(row.id)),
      );
      return pageAfter(matching, query.afterId, query.limit).map(copy);
    },
    async update(id, expectedVersion, patch) {
      const row = rows.get(id);
      if (!row) return undefined;
      if (row.version !== expectedVersion) return 'stale';
      Object.assign(row, structuredClone(patch), { version: row.version + 1, updatedAt: new Date() });
      return copy(row);
    },
  };
}

export function createInMemoryStaffRepository(
  agencies: AgenciesRepository,
  /** The auth fake's refresh tokens, which a deactivation revokes (the real repository shares one database). */
  sessions: { tokens: Map<string, RefreshTokenRecord> } = { tokens: new Map() },
): StaffRepository & {
  rows: Map<string, StaffRecord & { passwordHash: string }>;
  /** The events the Prisma repository would write to the outbox, in order. */
  events: OutboxMessage[];
} {
  const rows = new Map<string, StaffRecord & { passwordHash: string }>();
  const events: OutboxMessage[] = [];
  const agencyEvents = createAgencyEvents();
  const view = ({ passwordHash: _hash, ...record }: StaffRecord & { passwordHash: string }): StaffRecord =>
    structuredClone(record);
  return {
    rows,
    events,
    async create(staff) {
      if ([...rows.values()].some((row) => row.username === staff.username)) {
        throw new UsernameTakenError(staff.username);
      }
      const agency = await agencies.findById(staff.agencyId);
      if (!agency) throw new Error(`foreign key: no agency ${staff.agencyId}`);
      const { password, ...fields } = staff;
      const row = {
        ...fields,
        townCode: agency.townCode,
        active: true,
        version: 1,
        createdAt: new Date(),
        passwordHash: await hashPassword(password, FAKE_BCRYPT_COST),
      };
      rows.set(row.id, row);
      return view(row);
    },
    async findById(id) {
      const row = rows.get(id);
      return row ? view(row) : undefined;
    },
    async idOfUsername(username) {
      return [...rows.values()].find((row) => row.username === username)?.id;
    },
    async list(query) {
      const text = query.text?.toLowerCase();
      const matching = [...rows.values()].filter(
        (row) =>
          (!query.townCode || row.townCode === query.townCode) &&
          (!query.agencyId || row.agencyId === query.agencyId) &&
          (!query.role || row.roles.includes(query.role)) &&
          (query.active === undefined || row.active === query.active) &&
          (!text || row.displayName.toLowerCase().includes(text) || row.username.toLowerCase().includes(text)),
      );
      return pageAfter(matching, query.afterId, query.limit).map(view);
    },
    // No await between reading and writing: one event-loop turn is as atomic as the real transaction and its locks.
    async update(id, expectedVersion, { patch, changedBy, at }) {
      const row = rows.get(id);
      if (!row) return undefined;
      if (mayRemoveAdministrator(patch)) {
        const admins = [...rows.values()].filter((other) => other.active && other.roles.includes('administrator'));
        if (admins.length === 1 && admins[0]?.id === id) return 'last-administrator';
      }
      if (row.version !== expectedVersion) return 'stale';
      Object.assign(row, structuredClone(patch), { version: row.version + 1 });
      if (patch.active === false) {
        for (const token of sessions.tokens.values()) {
          if (token.staffId === id && !token.usedAt && !token.revokedAt && token.expiresAt > at) token.revokedAt = at;
        }
      }
      const record = view(row);
      const event = agencyEvents.staffChanged(record, patch, changedBy, at);
      if (event) events.push(event);
      return record;
    },
    async verifyPassword(username, password) {
      const row = [...rows.values()].find((candidate) => candidate.username === username);
      const matches = await passwordMatches(password, row?.passwordHash);
      return row && matches && row.active ? view(row) : undefined;
    },
    async countSigners(agencyIds) {
      const counts = new Map<string, number>();
      for (const row of rows.values()) {
        const signs = row.active && row.roles.some((role) => (SIGNER_ROLES as readonly string[]).includes(role));
        if (signs && agencyIds.includes(row.agencyId)) counts.set(row.agencyId, (counts.get(row.agencyId) ?? 0) + 1);
      }
      return counts;
    },
  };
}

export function createInMemoryAuthRepository(): AuthRepository & {
  tokens: Map<string, RefreshTokenRecord & { tokenHash: string }>;
  throttles: Map<string, StoredThrottleState>;
  knownSources: Map<string, Date>;
} {
  const throttles = new Map<string, StoredThrottleState>();
  const knownSources = new Map<string, Date>();
  const tokens = new Map<string, RefreshTokenRecord & { tokenHash: string }>();
  return {
    tokens,
    throttles,
    knownSources,
    // No await between reading and writing: one event-loop turn is as atomic as PostgreSQL's row locks.
    async reserveLoginAttempt(gates, now) {
      const decision = admit(gates, throttles, now);
      if (!decision.admitted) return decision;
      for (const [key, state] of decision.states) throttles.set(key, state);
      return { admitted: true };
    },
    async settleSuccessfulLogin({ reset, refund: giveBack }, now) {
      for (const gate of reset) throttles.delete(gate.key);
      for (const gate of giveBack) {
        const after = refund(gate.rule, throttles.get(gate.key), now);
        if (after) throttles.set(gate.key, after);
        else throttles.delete(gate.key);
      }
    },
    async forgetExpiredThrottles(now, limit) {
      const expired = [...throttles].filter(([, state]) => state.forgetAt <= now).slice(0, limit);
      for (const [key] of expired) throttles.delete(key);
      return expired.length;
    },
    async isKnownSource(hash, since) {
      const last = knownSources.get(hash);
      return last !== undefined && last > since;
    },
    async rememberSource(hash, at) {
      knownSources.set(hash, at);
    },
    async forgetStaleSources(before, limit) {
      const stale = [...knownSources].filter(([, last]) => last < before).slice(0, limit);
      for (const [hash] of stale) knownSources.delete(hash);
      return stale.length;
    },
    async storeRefreshToken(token) {
      tokens.set(token.id, { ...token, usedAt: null, revokedAt: null });
    },
    async findRefreshToken(tokenHash) {
      const row = [...tokens.values()].find((candidate) => candidate.tokenHash === tokenHash);
      if (!row) return undefined;
      const { tokenHash: _hash, ...record } = row;
      return { ...record };
    },
    async markUsed(id, now) {
      const row = tokens.get(id);
      if (!row || row.usedAt || row.revokedAt) return false;
      row.usedAt = now;
      return true;
    },
    async revokeFamily(familyId, now) {
      for (const row of tokens.values()) if (row.familyId === familyId && !row.revokedAt) row.revokedAt = now;
    },
  };
}

export function createInMemoryPolicyRepository(): PolicyRepository & { rows: PolicyRecord[] } {
  const rows: PolicyRecord[] = [];
  return {
    rows,
    async latest(townCode) {
      const versions = rows.filter((row) => row.townCode === townCode).sort((a, b) => b.version - a.version);
      return versions[0] ? structuredClone(versions[0]) : undefined;
    },
    async find(townCode, version) {
      const row = rows.find((candidate) => candidate.townCode === townCode && candidate.version === version);
      return row ? structuredClone(row) : undefined;
    },
    async insert(record) {
      if (rows.some((row) => row.townCode === record.townCode && row.version === record.version)) return false;
      const row = { ...structuredClone(record), createdAt: new Date() };
      rows.push(row);
      return structuredClone(row);
    },
  };
}

export function createInMemoryVillagesRepository(): VillagesRepository & {
  rows: Map<string, VillageRecord>;
  towns: Map<string, string>;
} {
  const rows = new Map<string, VillageRecord>();
  const towns = new Map<string, string>();
  return {
    rows,
    towns,
    async create(village) {
      if ([...rows.values()].some((row) => row.townCode === village.townCode && row.code === village.code)) {
        throw new VillageCodeTakenError(village.townCode, village.code);
      }
      const now = new Date();
      const row: VillageRecord = { ...structuredClone(village), version: 1, createdAt: now, updatedAt: now };
      rows.set(row.id, row);
      return structuredClone(row);
    },
    async findById(id) {
      const row = rows.get(id);
      return row ? structuredClone(row) : undefined;
    },
    async findByCode(townCode, code) {
      const row = [...rows.values()].find((village) => village.townCode === townCode && village.code === code);
      return row ? structuredClone(row) : undefined;
    },
    async update(id, expectedVersion, patch) {
      const row = rows.get(id);
      if (!row) return undefined;
      if (row.version !== expectedVersion) return 'stale';
      Object.assign(row, structuredClone(patch), { version: row.version + 1, updatedAt: new Date() });
      return structuredClone(row);
    },
    async nameTown(code, name) {
      towns.set(code, name);
    },
  };
}

/** The directory over the other fakes' rows, sorted on the same keys as the Prisma repository (in code-point order). */
export function createInMemoryDirectoryRepository(sources: {
  agencies: { rows: Map<string, AgencyRecord> };
  staff: { rows: Map<string, StaffRecord> };
  villages: { rows: Map<string, VillageRecord>; towns: Map<string, string> };
}): DirectoryRepository {
  const byKeys =
    <T>(...keys: ((row: T) => string)[]) =>
    (a: T, b: T): number => {
      for (const key of keys) {
        const [x, y] = [key(a), key(b)];
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
  return {
    async read(townCode, limits) {
      const villages = [...sources.villages.rows.values()]
        .filter((row) => row.townCode === townCode)
        .sort(
          byKeys(
            (row) => row.code,
            (row) => row.id,
          ),
        )
        .slice(0, limits.villages + 1)
        .map(({ id, code, name, gridCodes }) => ({ id, code, name, gridCodes: [...gridCodes] }));
      const agencies = [...sources.agencies.rows.values()]
        .filter((row) => row.townCode === townCode)
        .sort(
          byKeys(
            (row) => row.kind,
            (row) => row.name,
            (row) => row.id,
          ),
        )
        .slice(0, limits.agencies + 1)
        .map(({ id, kind, name, areaCodes }) => ({ id, kind, name, areaCodes: [...areaCodes] }));
      const staff = [...sources.staff.rows.values()]
        .filter((row) => row.townCode === townCode)
        .sort(
          byKeys(
            (row) => row.agencyId,
            (row) => row.displayName,
            (row) => row.id,
          ),
        )
        .slice(0, limits.staff + 1)
        .map(({ id, displayName, agencyId, roles, active }) => ({
          id,
          displayName,
          agencyId,
          roles: [...roles],
          active,
        }));
      return { townName: sources.villages.towns.get(townCode), villages, agencies, staff };
    },
  };
}

export interface FakeAgencyService extends AgencyService {
  repositories: {
    agencies: ReturnType<typeof createInMemoryAgenciesRepository>;
    staff: ReturnType<typeof createInMemoryStaffRepository>;
    auth: ReturnType<typeof createInMemoryAuthRepository>;
    policies: ReturnType<typeof createInMemoryPolicyRepository>;
    villages: ReturnType<typeof createInMemoryVillagesRepository>;
    directory: DirectoryRepository;
  };
  audit: AuditEntry[];
  publicKeyPem: string;
  /** An access token for any principal, as if they had logged in. */
  tokenFor(principal: Principal): Promise<string>;
  /** A token of the dispute worker (role workflow-engine), signed with its own key as in production. */
  workerToken(): Promise<string>;
  clock: { now: Date };
}

// One key pair per test process: generating Ed25519 keys is cheap, but there is no reason to do it per test.
const keys = generateSigningKeyPair();
const workerKeys = generateSigningKeyPair();

/** The service on in-memory repositories, a real signing key and a settable clock: the unit-test wiring. */
export async function createFakeAgencyService(
  options: {
    rateLimits?: RateLimits;
    readiness?: AgencyServiceDeps['readiness'];
    loginThrottle?: AgencyServiceDeps['loginThrottle'];
    trustedProxies?: AgencyServiceDeps['trustedProxies'];
    directoryLimits?: AgencyServiceDeps['directoryLimits'];
  } = {},
): Promise<FakeAgencyService> {
  const clock = { now: new Date('2026-09-30T01:00:00Z') };
  const now = () => new Date(clock.now);
  const agencies = createInMemoryAgenciesRepository();
  const auth = createInMemoryAuthRepository();
  const staff = createInMemoryStaffRepository(agencies, auth);
  const villages = createInMemoryVillagesRepository();
  const repositories = {
    agencies,
    staff,
    auth,
    policies: createInMemoryPolicyRepository(),
    villages,
    directory: createInMemoryDirectoryRepository({ agencies, staff, villages }),
  };
  const audit: AuditEntry[] = [];
  // Access tokens are verified against the real clock (jose), so they are issued on it too.
  const issuer = await createTokenIssuer({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const service = createAgencyService({
    logger: createLogger('agency-service', 'silent'),
    repositories,
    idempotencyStore: createInMemoryIdempotencyStore(),
    audit: {
      async record(entry) {
        audit.push({ ...entry });
      },
    },
    tokens: {
      issuer,
      verifier: await createTokenVerifier({
        publicKeyPem: keys.publicKeyPem,
        workflowEnginePublicKeyPem: workerKeys.publicKeyPem,
      }),
      publicKeyPem: keys.publicKeyPem,
      refreshTokenTtlSeconds: 3600,
      loginSecret: deriveLoginThrottleSecret(keys.privateKeyPem),
    },
    rateLimits: options.rateLimits ?? { perIpPerMinute: 100_000, perUserPerMinute: 100_000 },
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.directoryLimits ? { directoryLimits: options.directoryLimits } : {}),
    now,
  });
  return {
    ...service,
    repositories,
    audit,
    publicKeyPem: keys.publicKeyPem,
    clock,
    tokenFor: async (principal) => (await issuer.issue(principal)).token,
    workerToken: async () =>
      (await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 300 })).token(),
  };
}

/** A town next door, for "foreign town" cases. */
export const OTHER_TOWN = {
  code: 'hetian',
  committeeId: 'b0000000-0000-4000-8000-000000000001',
  coordinatorId: 'b0000000-0000-4000-8000-000000000002',
  villageId: 'b0000000-0000-4000-8000-000000000003',
} as const;

/**
 * Loads the demo town (and one agency + coordinator of another town) through the repository interfaces, so the same
 * rows land in the fakes and, in integration tests, in PostgreSQL. No policy is stored: both towns run on version 0.
 */
export async function seedTestTowns(
  repositories: Pick<AgencyRepositories, 'agencies' | 'staff' | 'villages'>,
): Promise<void> {
  for (const agency of DEMO_AGENCIES) {
    await repositories.agencies.create({ ...agency, townCode: DEMO_TOWN_CODE });
  }
  await repositories.villages.nameTown(DEMO_TOWN_CODE, DEMO_TOWN_NAME);
  for (const village of DEMO_VILLAGES) {
    await repositories.villages.create({ ...village, townCode: DEMO_TOWN_CODE });
  }
  await repositories.villages.nameTown(OTHER_TOWN.code, '河田镇');
  await repositories.villages.create({
    id: OTHER_TOWN.villageId,
    townCode: OTHER_TOWN.code,
    code: 'hetian-1',
    name: '河田村',
    gridCodes: [],
  });
  await repositories.agencies.create({
    id: OTHER_TOWN.committeeId,
    kind: 'mediation-committee',
    name: '河田村人民调解委员会',
    townCode: OTHER_TOWN.code,
    areaCodes: ['hetian-1'],
    contactPhone: null,
    receptionHours: [],
  });
  // Concurrently: on PostgreSQL each account costs a full bcrypt hash, which runs off the main thread.
  await Promise.all([
    ...Object.values(DEMO_STAFF).map((staff) =>
      repositories.staff.create({ ...staff, roles: [...staff.roles], password: DEMO_PASSWORD }),
    ),
    repositories.staff.create({
      id: OTHER_TOWN.coordinatorId,
      username: 'coordinator.hetian',
      displayName: '河田 协调员',
      agencyId: OTHER_TOWN.committeeId,
      roles: ['coordinator'],
      password: DEMO_PASSWORD,
    }),
  ]);
}

/** Loads the demo town and its neighbour into the fake repositories. */
export async function seedInMemoryDemoTown(fake: FakeAgencyService): Promise<void> {
  await seedTestTowns(fake.repositories);
}

/** The principal a demo account's token carries. */
export function demoPrincipal(staff: DemoStaff): Principal {
  return { staffId: staff.id, agencyId: staff.agencyId, townCode: DEMO_TOWN_CODE, roles: [...staff.roles] };
}

/** The service's route table, from a wiring whose token functions are never called (no key import needed). */
export function agencyRouteTable(): AgencyService['routes'] {
  const agencies = createInMemoryAgenciesRepository();
  const staff = createInMemoryStaffRepository(agencies);
  const villages = createInMemoryVillagesRepository();
  const unused = async (): Promise<never> => {
    throw new Error('not used: this wiring only lists routes');
  };
  return createAgencyService({
    logger: createLogger('agency-service', 'silent'),
    repositories: {
      agencies,
      staff,
      auth: createInMemoryAuthRepository(),
      policies: createInMemoryPolicyRepository(),
      villages,
      directory: createInMemoryDirectoryRepository({ agencies, staff, villages }),
    },
    idempotencyStore: createInMemoryIdempotencyStore(),
    audit: { record: async () => undefined },
    tokens: {
      issuer: { issue: unused },
      verifier: { verify: unused },
      publicKeyPem: '',
      refreshTokenTtlSeconds: 60,
      loginSecret: Buffer.alloc(32),
    },
  }).routes;
}
