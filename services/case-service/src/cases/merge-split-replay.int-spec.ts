/**
 * A coordinator's merge or split retried with the same Idempotency-Key is answered with the first response, however
 * the retry spells the path: Express routes `/merge`, `/MERGE`, `/merge/` (and the case id in capitals or
 * percent-encoded) to the same action, so the idempotency record must be keyed by that one route, not by the
 * spelling. On PostgreSQL, with the shared idempotency records a replica would read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'A fence torn down in a quarrel between two households.',
  townCode: 'qingshui',
};

describe('merge and split replays, whatever the spelling of the path', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-replay-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function fileReport(eventRef?: string): Promise<{ caseId: string; reportId: string }> {
    const res = await request(service.app)
      .post('/api/v1/reports')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .send({ ...report, ...(eventRef ? { eventRef } : {}) });
    expect(res.status).toBe(201);
    return { caseId: res.body.case.id as string, reportId: res.body.report.id as string };
  }

  /** The same request under every spelling Express routes to the same action. */
  const spellings = (caseId: string, action: 'merge' | 'split') => [
    `/api/v1/cases/${caseId}/${action}`,
    `/api/v1/cases/${caseId}/${action.toUpperCase()}`,
    `/api/v1/cases/${caseId}/${action}/`,
    `/api/v1/cases/${caseId.toUpperCase()}/${action[0]?.toUpperCase()}${action.slice(1)}`,
    // The id's first character percent-encoded: Express decodes it to the same case.
    `/api/v1/cases/%${caseId.charCodeAt(0).toString(16).toUpperCase()}${caseId.slice(1)}/${action}`,
  ];

  it('replays a merge under /merge, /MERGE, /merge/ the id in capitals or percent-encoded, and merges once', async () => {
    const duplicate = await fileReport();
    const survivor = await fileReport();
    const coordinator = await service.bearer(staff.coordinator);
    const body = { intoCaseId: survivor.caseId, reason: 'The same fence, reported twice.' };
    const [first, ...retries] = spellings(duplicate.caseId, 'merge');
    const merged = await request(service.app)
      .post(first ?? '')
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'merge-spelling-0001')
      .send(body);
    expect(merged.status).toBe(200);

    for (const url of retries) {
      const replay = await request(service.app)
        .post(url)
        .set('Authorization', coordinator)
        .set('Idempotency-Key', 'merge-spelling-0001')
        .send(body);
      expect({ url, status: replay.status, replayed: replay.headers['idempotent-replayed'] }).toEqual({
        url,
        status: 200,
        replayed: 'true',
      });
      expect(replay.body).toEqual(merged.body);
    }
    // The workflow of the merged case was told once; the key with another body is still refused, in any spelling.
    expect(service.workflows.closedAsMerged).toHaveLength(1);
    const reused = await request(service.app)
      .post(retries[0] ?? '')
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'merge-spelling-0001')
      .send({ ...body, reason: 'Another reason altogether.' });
    expect(reused.status).toBe(422);
  });

  it('replays a split under /split, /SPLIT, /split/ the id in capitals or percent-encoded, and opens one new case', async () => {
    const first = await fileReport('JQ-fence-replay');
    const second = await fileReport('JQ-fence-replay');
    expect(second.caseId).toBe(first.caseId);
    const coordinator = await service.bearer(staff.coordinator);
    const body = { reportIds: [second.reportId], reason: 'A separate quarrel about the gate.' };
    const casesBefore = await service.prisma.case.count();
    const [url, ...retries] = spellings(first.caseId, 'split');
    const split = await request(service.app)
      .post(url ?? '')
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'split-spelling-0001')
      .send(body);
    expect(split.status).toBe(201);

    for (const retry of retries) {
      const replay = await request(service.app)
        .post(retry)
        .set('Authorization', coordinator)
        .set('Idempotency-Key', 'split-spelling-0001')
        .send(body);
      expect({ retry, status: replay.status, replayed: replay.headers['idempotent-replayed'] }).toEqual({
        retry,
        status: 201,
        replayed: 'true',
      });
      expect(replay.body).toEqual(split.body);
    }
    expect(await service.prisma.case.count()).toBe(casesBefore + 1);
  });
});
