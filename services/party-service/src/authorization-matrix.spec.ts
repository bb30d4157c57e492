// The matrix harness is test-only code in a type:test library.
import { matrixRows } from '@gongzhi/testing';
import { AGENCIES, createFakePartyService } from './party-service.fakes';
import { describeAuthorizationMatrix, partyAuthorizationMatrix, partyRouteTable } from './testing/authorization-matrix';

// The same matrix runs against PostgreSQL in authorization-matrix.int-spec.ts.
describeAuthorizationMatrix('authorization matrix on the in-memory fakes', async () => ({
  service: await createFakePartyService(),
  farTownAgencyId: AGENCIES.farTown,
}));

describe('authorization matrix harness', () => {
  it('fails for a route without an entry', () => {
    const { getParty: _dropped, ...incomplete } = partyAuthorizationMatrix;
    expect(() => matrixRows(partyRouteTable(), incomplete)).toThrow(/getParty/);
  });
});
