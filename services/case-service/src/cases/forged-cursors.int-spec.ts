/**
 * Page cursors are opaque to clients but not signed: anyone can base64url-encode a position of their own. One that
 * names an instant PostgreSQL cannot store (the year 0000, which ISO 8601 allows) must be a 400 problem on `cursor`,
 * never a 500 from the database — on the real case-service, on PostgreSQL, for every list that pages by an instant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { callerRequests } from '../testing/caller-requests';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';

const YEAR_ZERO = '0000-01-01T00:00:00Z';
const forged = (position: object) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

describe('case-service refuses forged page cursors with a 400 problem (PostgreSQL)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-cursor-'));
    service = await createPostgresCaseService(db.url, documentsDir);
    // Something to page through, so the forged position reaches the query.
    const opened = await post(staff.villageMediator, '/api/v1/cases', {
      disputeType: 'neighbour',
      source: 'walk-in',
      summary: 'A leaning wall.',
      townCode: 'qingshui',
    });
    expect(opened.status).toBe(201);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const { get, post } = callerRequests(() => service);

  function expectCursorProblem(res: request.Response) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:validation-failed', errors: [{ path: 'cursor' }] });
    expect(JSON.stringify(res.body)).not.toMatch(/prisma|postgres|at .*\.ts/i);
  }

  it('refuses a cases cursor opened in the year 0000', async () => {
    const cursor = forged({ openedAt: YEAR_ZERO, id: randomUUID() });
    expectCursorProblem(await get(staff.villageMediator, `/api/v1/cases?cursor=${cursor}`));
  });

  it('refuses a task queue cursor computed as of, or due at, the year 0000', async () => {
    const asOf = forged({ sort: 'due', asOf: YEAR_ZERO, id: randomUUID() });
    const dueAt = forged({ sort: 'due', asOf: new Date().toISOString(), dueAt: YEAR_ZERO, id: randomUUID() });
    for (const cursor of [asOf, dueAt]) {
      expectCursorProblem(await get(staff.villageMediator, `/api/v1/tasks?sort=due&cursor=${cursor}`));
    }
  });

  it('refuses a watched-cases cursor from the year 0000', async () => {
    const cursor = forged({ since: YEAR_ZERO, caseId: randomUUID() });
    expectCursorProblem(await get(staff.villageMediator, `/api/v1/watching?cursor=${cursor}`));
  });
});
