/**
 * The authorization matrix (src/testing/authorization-matrix.ts) on the in-memory wiring. The same matrix runs on
 * real PostgreSQL in cases.authorization.int-spec.ts.
 */
import { casePartyRows, caseServiceMatrixRows, runCasePartyRow, runMatrixRow } from '../testing/authorization-matrix';
import { createFakeCaseService } from '../testing/fake-case-service';

describe('case-service authorization matrix (in-memory wiring)', () => {
  it.each(caseServiceMatrixRows.map((row) => [row.operationId, row.role, row.ownership, row.expected, row] as const))(
    '%s as %s on %s object → %i',
    async (_operationId, _role, _ownership, _expected, row) => {
      await runMatrixRow(await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } }), row);
    },
  );

  // A case names only parties party-service shows its caller: not a made-up id, not another agency's or town's.
  it.each(casePartyRows.map((row) => [row.operationId, row.role, row.party, row.expected, row] as const))(
    '%s as %s naming a party (%s) → %i',
    async (_operationId, _role, _party, _expected, row) => {
      await runCasePartyRow(await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } }), row);
    },
  );
});
