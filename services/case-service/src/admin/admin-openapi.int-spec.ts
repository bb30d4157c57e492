/**
 * The administrators' OpenAPI document says what their routes accept, on case-service over PostgreSQL: a saved view's
 * name pattern is an ECMAScript expression that a realistic name (Chinese or English) matches, as the route accepts
 * it; and the repairs, which refuse to act without an `Idempotency-Key`, list that header as required.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAuditObjectType, routeNounOf } from '@gongzhi/http';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { noWorkflows, untouchedRepairWorkflows } from '../testing/no-workflows';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, { pattern?: string }> }> };
}

/** Every `pattern` anywhere in the document, with where it is. */
function patternsOf(value: unknown, at = '#'): { at: string; pattern: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => patternsOf(item, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'pattern' && typeof item === 'string' ? [{ at, pattern: item }] : patternsOf(item, `${at}/${key}`),
  );
}

describe('the admin API as its OpenAPI document describes it', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let document: OpenApiDocument;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-admin-openapi-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: noWorkflows,
      repairWorkflows: untouchedRepairWorkflows,
    });
    const res = await request(service.app).get('/openapi.json');
    expect(res.status).toBe(200);
    document = res.body as OpenApiDocument;
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  it('documents a saved view’s name with a valid pattern that the names the route accepts match', async () => {
    const pattern = document.components.schemas['SavedViewRequest']?.properties?.['name']?.pattern ?? '';
    // JSON Schema validators (ajv among them) compile patterns as Unicode expressions: `\p{L}` is a letter there.
    const documented = new RegExp(pattern, 'u');
    for (const name of ['超期受理-清水镇', 'police_overdue.L2', '派出所-overdue_2026']) {
      const saved = await request(service.app)
        .post('/api/v1/admin/views')
        .set('Authorization', await service.bearer(staff.administrator))
        .send({ name, filters: { kind: 'overdue-acceptance' } });
      expect({ name, status: saved.status }).toEqual({ name, status: 201 });
      expect({ name, matches: documented.test(name) }).toEqual({ name, matches: true });
    }
    // What the route refuses, the pattern refuses too.
    const spaced = await request(service.app)
      .post('/api/v1/admin/views')
      .set('Authorization', await service.bearer(staff.administrator))
      .send({ name: 'overdue acceptances', filters: {} });
    expect(spaced.status).toBe(400);
    expect(documented.test('overdue acceptances')).toBe(false);
  });

  it('names the object of every route, admin and workflow-engine ones too, in the contracts (refusals are audited so)', () => {
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/admin/stuck', '/internal/v1/cases/{caseId}/progress']));
    expect(paths.filter((path) => !isAuditObjectType(routeNounOf(path).noun))).toEqual([]);
  });

  it('writes every pattern of the document as an expression, never with flags after a slash', () => {
    const patterns = patternsOf(document);
    expect(patterns.length).toBeGreaterThan(0);
    for (const { at, pattern } of patterns) {
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
      expect({ at, pattern, flagsAfterSlash: /\/[dgimsuvy]+$/.test(pattern) }).toEqual({
        at,
        pattern,
        flagsAfterSlash: false,
      });
    }
  });

  it('lists the Idempotency-Key header as required on the repairs, which refuse to act without one', async () => {
    const headerOf = (path: string) =>
      document.paths[path]?.['post']?.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(headerOf('/api/v1/admin/cases/{id}/repairs')).toMatchObject({ required: true });
    expect(headerOf('/api/v1/admin/repair-batches')).toMatchObject({ required: true });

    const caseId = (
      await request(service.app)
        .post('/api/v1/cases')
        .set('Authorization', await service.bearer(staff.villageMediator))
        .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' })
    ).body.id as string;
    const withoutKey = await request(service.app)
      .post(`/api/v1/admin/cases/${caseId}/repairs`)
      .set('Authorization', await service.bearer(staff.administrator))
      .send({ kind: 'resend-urging', reason: 'the liaison was away all week' });
    expect(withoutKey.status).toBe(400);
    expect(withoutKey.body.errors).toEqual([
      { path: 'Idempotency-Key', message: expect.any(String), code: 'required' },
    ]);
  });
});
