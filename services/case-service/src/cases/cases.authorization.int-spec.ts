/**
 * The authorization matrix (src/testing/authorization-matrix.ts) on the real repositories and PostgreSQL: the
 * visibility rules hold in the SQL that serves them, not only in the fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { casePartyRows, caseServiceMatrixRows, runCasePartyRow, runMatrixRow } from '../testing/authorization-matrix';
import { createPostgresCaseService } from '../testing/postgres-case-service';

describe('case-service authorization matrix (PostgreSQL)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-matrix-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  // Every row opens its own cases, so rows share the database without seeing each other's changes.
  it.each(caseServiceMatrixRows.map((row) => [row.operationId, row.role, row.ownership, row.expected, row] as const))(
    '%s as %s on %s object → %i',
    async (_operationId, _role, _ownership, _expected, row) => {
      await runMatrixRow(service, row);
    },
  );

  // A case names only parties party-service shows its caller: not a made-up id, not another agency's or town's.
  it.each(casePartyRows.map((row) => [row.operationId, row.role, row.party, row.expected, row] as const))(
    '%s as %s naming a party (%s) → %i',
    async (_operationId, _role, _party, _expected, row) => {
      await runCasePartyRow(service, row);
    },
  );
});
