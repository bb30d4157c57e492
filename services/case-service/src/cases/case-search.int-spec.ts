/**
 * The case search of `GET /api/v1/cases` on PostgreSQL: each filter narrows the list as documented, filters combine
 * with AND, no filter ever widens what the caller may list (a party or an agency of a case they cannot see answers
 * an empty page, exactly like one that has no cases), a page cursor pages one filter set only, and malformed or
 * unknown parameters are 400 problems naming the parameter. Cases are written straight into the tables (no workflow):
 * the subject is the query, not how cases come to be.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import type { DisputeType, Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { callerRequests } from '../testing/caller-requests';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

const P1 = randomUUID();
const P2 = randomUUID();
const P3 = randomUUID();

interface Seed {
  town?: string;
  village: string | null;
  type: DisputeType;
  status: 'opening' | 'open' | 'merged' | 'closed';
  level: 'L1' | 'L2' | 'L3' | null;
  agencies: string[];
  parties: string[];
  eventRefs: string[];
  summary: string;
  openedHour: number;
}

/** The cases, by name; newest first they are g, f, e, d, c, b, a (f is in another town). */
const SEEDS: Record<string, Seed> = {
  a: {
    village: 'shangba',
    type: 'neighbour',
    status: 'open',
    level: 'L1',
    agencies: ['0a9e0000-0000-4000-8000-000000000006'],
    parties: [P1],
    eventRefs: ['JJ-2026-001'],
    summary: '邻里宅基地纠纷：围墙越界',
    openedHour: 1,
  },
  b: {
    village: 'shangba',
    type: 'land-forest',
    status: 'open',
    level: 'L2',
    agencies: ['0a9e0000-0000-4000-8000-000000000006', '0a9e0000-0000-4000-8000-000000000001'],
    parties: [P2],
    eventRefs: [],
    summary: '山林权属 Forest boundary',
    openedHour: 2,
  },
  c: {
    village: 'xiaba',
    type: 'neighbour',
    status: 'closed',
    level: 'L1',
    agencies: ['0a9e0000-0000-4000-8000-000000000007'],
    parties: [P3],
    eventRefs: ['JJ-2026-001'],
    summary: '噪音扰民，音量100%开',
    openedHour: 3,
  },
  d: {
    village: 'shangba',
    type: 'neighbour',
    status: 'opening',
    level: null,
    agencies: ['0a9e0000-0000-4000-8000-000000000006'],
    parties: [P1],
    eventRefs: [],
    summary: '折扣100%兑现 A_B 条款',
    openedHour: 4,
  },
  e: {
    village: null,
    type: 'marriage-family',
    status: 'merged',
    level: 'L3',
    agencies: ['0a9e0000-0000-4000-8000-000000000006', '0a9e0000-0000-4000-8000-000000000005'],
    parties: [],
    eventRefs: ['12345-778'],
    summary: '婚姻家庭 FOREST 无关',
    openedHour: 5,
  },
  f: {
    town: 'hekou',
    village: 'hekou-east',
    type: 'neighbour',
    status: 'open',
    level: 'L1',
    agencies: ['0a9e0000-0000-4000-8000-000000000002'],
    parties: [P1],
    eventRefs: ['JJ-2026-001'],
    summary: '邻里宅基地纠纷（河口）',
    openedHour: 6,
  },
  // Would match `100%` and `A_B` if `%` and `_` were wildcards: they must not be.
  g: {
    village: 'shangba',
    type: 'contract-debt',
    status: 'open',
    level: 'L1',
    agencies: ['0a9e0000-0000-4000-8000-000000000006'],
    parties: [],
    eventRefs: [],
    summary: '押金100元未退 AXB',
    openedHour: 7,
  },
};

describe('GET /api/v1/cases searches within what the caller may list (PostgreSQL)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  const nameOf = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-case-search-'));
    service = await createPostgresCaseService(db.url, documentsDir);
    for (const [name, seed] of Object.entries(SEEDS)) {
      const id = randomUUID();
      nameOf.set(id, name);
      const townCode = seed.town ?? 'qingshui';
      await service.prisma.case.create({
        data: {
          id,
          disputeType: seed.type,
          source: 'walk-in',
          summary: seed.summary,
          townCode,
          villageCode: seed.village,
          status: seed.status,
          reportedBy: 'grid-1',
          intakeAgencyId: seed.agencies[0] ?? null,
          agencyIds: seed.agencies,
          workflowId: `dispute-case-${id}`,
          openedAt: new Date(at(seed.openedHour)),
          currentLevel: seed.level,
          currentAgencyId: seed.level === null ? null : (seed.agencies[seed.agencies.length - 1] ?? null),
          parties: { create: seed.parties.map((partyId) => ({ partyId, role: 'applicant', addedBy: 'grid-1' })) },
          reports: {
            create: (seed.eventRefs.length === 0 ? [null] : seed.eventRefs).map((eventRef) => ({
              id: randomUUID(),
              source: 'walk-in',
              disputeType: seed.type,
              summary: seed.summary,
              townCode,
              eventRef,
              reportedBy: 'grid-1',
              agencyId: seed.agencies[0] ?? '0a9e0000-0000-4000-8000-000000000006',
            })),
          },
        },
      });
    }
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  const { get } = callerRequests(() => service);

  const list = (who: Principal, query: Record<string, string> = {}) =>
    get(who, `/api/v1/cases?${new URLSearchParams(query).toString()}`);

  /** The names of the cases a page answered, in its order. */
  function names(res: request.Response): string[] {
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((item) => nameOf.get(item.id) ?? `unknown ${item.id}`);
  }

  async function search(who: Principal, query: Record<string, string> = {}): Promise<string[]> {
    return names(await list(who, query));
  }

  function expectProblemOn(res: request.Response, parameter: string) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: parameter })]));
    expect(JSON.stringify(res.body)).not.toMatch(/prisma|postgres|at .*\.ts/i);
  }

  it('lists everything the caller may see without filters, newest first', async () => {
    expect(await search(staff.coordinator)).toEqual(['g', 'e', 'd', 'c', 'b', 'a']);
    expect(await search(staff.villageMediator)).toEqual(['g', 'e', 'd', 'b', 'a']);
    expect(await search(staff.administrator)).toEqual(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('narrows by status: one, or a comma list in any order', async () => {
    expect(await search(staff.coordinator, { status: 'open' })).toEqual(['g', 'b', 'a']);
    expect(await search(staff.coordinator, { status: 'opening,open' })).toEqual(['g', 'd', 'b', 'a']);
    expect(await search(staff.coordinator, { status: 'closed, merged' })).toEqual(['e', 'c']);
  });

  it('narrows by ladder level, village, dispute type, agency and event reference', async () => {
    expect(await search(staff.coordinator, { level: 'L1' })).toEqual(['g', 'c', 'a']);
    expect(await search(staff.coordinator, { level: 'L2' })).toEqual(['b']);
    expect(await search(staff.coordinator, { villageCode: 'shangba' })).toEqual(['g', 'd', 'b', 'a']);
    expect(await search(staff.coordinator, { disputeType: 'neighbour' })).toEqual(['d', 'c', 'a']);
    expect(await search(staff.coordinator, { agencyId: '0a9e0000-0000-4000-8000-000000000005' })).toEqual(['e']);
    expect(await search(staff.coordinator, { agencyId: '0a9e0000-0000-4000-8000-000000000001' })).toEqual(['b']);
    expect(await search(staff.coordinator, { eventRef: 'JJ-2026-001' })).toEqual(['c', 'a']);
    expect(await search(staff.coordinator, { eventRef: 'JJ-2026-999' })).toEqual([]);
  });

  it('narrows by party: the cases that party takes part in', async () => {
    expect(await search(staff.coordinator, { partyId: P1 })).toEqual(['d', 'a']);
    expect(await search(staff.coordinator, { partyId: P2 })).toEqual(['b']);
    expect(await search(staff.administrator, { partyId: P1 })).toEqual(['f', 'd', 'a']);
    expect(await search(staff.coordinator, { partyId: randomUUID() })).toEqual([]);
  });

  it('narrows by opening time as the half-open range [openedFrom, openedTo)', async () => {
    // c opened exactly at openedFrom (in), e exactly at openedTo (out).
    expect(await search(staff.coordinator, { openedFrom: at(3), openedTo: at(5) })).toEqual(['d', 'c']);
    expect(await search(staff.coordinator, { openedFrom: at(5) })).toEqual(['g', 'e']);
    expect(await search(staff.coordinator, { openedTo: at(2) })).toEqual(['a']);
    // The same instant with an offset is the same bound.
    expect(await search(staff.coordinator, { openedFrom: '2026-03-01T11:00:00+08:00', openedTo: at(5) })).toEqual([
      'd',
      'c',
    ]);
  });

  it('searches the summary for Chinese text, and Latin letters in any case', async () => {
    expect(await search(staff.coordinator, { q: '宅基地' })).toEqual(['a']);
    expect(await search(staff.administrator, { q: '宅基地' })).toEqual(['f', 'a']);
    expect(await search(staff.coordinator, { q: 'forest' })).toEqual(['e', 'b']);
    expect(await search(staff.coordinator, { q: '  山林  ' })).toEqual(['b']);
  });

  it('takes % and _ in the text literally, not as wildcards', async () => {
    expect(await search(staff.coordinator, { q: '100%' })).toEqual(['d', 'c']);
    expect(await search(staff.coordinator, { q: 'A_B' })).toEqual(['d']);
    expect(await search(staff.coordinator, { q: '%%' })).toEqual([]);
    expect(await search(staff.coordinator, { q: '\\%' })).toEqual([]);
  });

  it('combines filters with AND', async () => {
    expect(
      await search(staff.coordinator, { status: 'open', villageCode: 'shangba', disputeType: 'neighbour' }),
    ).toEqual(['a']);
    expect(await search(staff.coordinator, { partyId: P1, status: 'opening' })).toEqual(['d']);
    expect(await search(staff.coordinator, { eventRef: 'JJ-2026-001', level: 'L1', q: '噪音' })).toEqual(['c']);
    expect(await search(staff.coordinator, { q: '宅基地', openedFrom: at(2) })).toEqual([]);
  });

  it('never widens what the caller may list: filters on what they cannot see answer an empty page', async () => {
    // med-2 (Xiaba's committee) cannot see a, d (Shangba's) or f (another town), all of which have P1.
    const other = await list(staff.otherVillageMediator, { partyId: P1 });
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ items: [], nextCursor: null });
    expect(await search(staff.otherVillageMediator, { q: '宅基地' })).toEqual([]);
    expect(await search(staff.otherVillageMediator, { partyId: P3 })).toEqual(['c']);
    // med-1 (Shangba) filtering by Xiaba's party, agency or event reference sees only its own share.
    expect(await search(staff.villageMediator, { partyId: P3 })).toEqual([]);
    expect(await search(staff.villageMediator, { agencyId: '0a9e0000-0000-4000-8000-000000000007' })).toEqual([]);
    expect(await search(staff.villageMediator, { eventRef: 'JJ-2026-001' })).toEqual(['a']);
    expect(await search(staff.villageMediator, { villageCode: 'xiaba' })).toEqual([]);
    // A coordinator's filters stay in the town; another town's coordinator sees only theirs.
    expect(await search(staff.coordinator, { villageCode: 'hekou-east' })).toEqual([]);
    expect(await search(staff.otherTownCoordinator, { partyId: P1 })).toEqual(['f']);
  });

  it('pages a filtered list across pages, with a cursor bound to its filters', async () => {
    const first = await list(staff.coordinator, { status: 'opening,open', limit: '2' });
    expect(names(first)).toEqual(['g', 'd']);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));

    const second = await list(staff.coordinator, { status: 'opening,open', limit: '2', cursor });
    expect(names(second)).toEqual(['b', 'a']);
    expect(second.body.nextCursor).toBeNull();

    // The same filters spelt otherwise are the same filters.
    expect(names(await list(staff.coordinator, { status: 'open,opening', limit: '2', cursor }))).toEqual(['b', 'a']);

    // With other filters, or none, the cursor would skip or repeat cases: 400 on `cursor`.
    const others: Record<string, string>[] = [{ status: 'open' }, { status: 'opening,open', q: '纠纷' }, {}];
    for (const query of others) {
      const res = await list(staff.coordinator, { ...query, limit: '2', cursor });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:cursor-mismatch', errors: [{ path: 'cursor' }] });
    }

    // An unfiltered list's cursor still pages the unfiltered list, and no filtered one.
    const unfiltered = await list(staff.coordinator, { limit: '3' });
    expect(names(unfiltered)).toEqual(['g', 'e', 'd']);
    const plain = unfiltered.body.nextCursor as string;
    expect(names(await list(staff.coordinator, { limit: '3', cursor: plain }))).toEqual(['c', 'b', 'a']);
    const mismatched = await list(staff.coordinator, { villageCode: 'shangba', cursor: plain });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.type).toBe('urn:gongzhi:problem:cursor-mismatch');
  });

  it('walks every page of a filtered list one case at a time, each case once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await list(staff.coordinator, {
        villageCode: 'shangba',
        limit: '1',
        ...(cursor === null ? {} : { cursor }),
      });
      seen.push(...names(page));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(['g', 'd', 'b', 'a']);
  });

  it('answers an unknown parameter with a 400 naming it', async () => {
    expectProblemOn(await list(staff.coordinator, { townCode: 'qingshui' }), 'townCode');
    expectProblemOn(await list(staff.coordinator, { status: 'open', sort: 'openedAt' }), 'sort');
  });

  it('answers malformed filters with a 400 naming the parameter, never a 500', async () => {
    expectProblemOn(await list(staff.coordinator, { status: 'pending' }), 'status');
    expectProblemOn(await list(staff.coordinator, { status: 'open,' }), 'status');
    expectProblemOn(await get(staff.coordinator, '/api/v1/cases?status=open&status=closed'), 'status');
    expectProblemOn(await list(staff.coordinator, { level: 'L9' }), 'level');
    expectProblemOn(await list(staff.coordinator, { disputeType: 'boundary' }), 'disputeType');
    expectProblemOn(await list(staff.coordinator, { villageCode: 'Shangba Village' }), 'villageCode');
    expectProblemOn(await list(staff.coordinator, { partyId: 'P1' }), 'partyId');
    expectProblemOn(await list(staff.coordinator, { eventRef: 'J1' }), 'eventRef');
    expectProblemOn(await list(staff.coordinator, { openedFrom: 'yesterday' }), 'openedFrom');
    expectProblemOn(await list(staff.coordinator, { openedTo: '0000-01-01T00:00:00Z' }), 'openedTo');
    expectProblemOn(await list(staff.coordinator, { openedFrom: at(5), openedTo: at(5) }), 'openedTo');
    expectProblemOn(await list(staff.coordinator, { openedFrom: at(5), openedTo: at(3) }), 'openedTo');
    expectProblemOn(await list(staff.coordinator, { q: '纠' }), 'q');
    expectProblemOn(await list(staff.coordinator, { q: ' a ' }), 'q');
    expectProblemOn(await list(staff.coordinator, { q: '纠'.repeat(101) }), 'q');
  });

  it('documents the filters in the OpenAPI document', async () => {
    const res = await get(staff.coordinator, '/openapi.json');
    expect(res.status).toBe(200);
    const parameters = (res.body.paths['/api/v1/cases'].get.parameters as { name: string; in: string }[])
      .filter((p) => p.in === 'query')
      .map((p) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'limit',
        'cursor',
        'status',
        'level',
        'villageCode',
        'disputeType',
        'partyId',
        'eventRef',
        'openedFrom',
        'openedTo',
        'agencyId',
        'q',
      ]),
    );
  });
});
