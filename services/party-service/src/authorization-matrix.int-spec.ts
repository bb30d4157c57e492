import { FAR_TOWN } from './party-service.fakes';
import { describeAuthorizationMatrix } from './testing/authorization-matrix';
import { startDemoAgencyService } from './testing/demo-agency-service';
import { startPartyServiceOnPostgres } from './testing/party-service-on-postgres';

// The unit tier's matrix (authorization-matrix.spec.ts), on real repositories, crypto and token verification, asking
// the real agency-service (seeded with the demo town, whose agency ids the fixtures use) about agencies.
describeAuthorizationMatrix('authorization matrix on PostgreSQL', async () => {
  const agencies = await startDemoAgencyService();
  try {
    const farTownAgencyId = await agencies.createAgency(FAR_TOWN, '远方镇司法所');
    const service = await startPartyServiceOnPostgres({
      // Every row comes from one address within a minute: the production limits would answer 429 as the matrix grows.
      rateLimits: { perIp: 10_000, perUser: 10_000 },
      secrets: agencies.secrets,
      agencyServiceUrl: agencies.baseUrl,
    });
    return {
      service,
      farTownAgencyId,
      close: async () => {
        await service.close();
        await agencies.stop();
      },
    };
  } catch (error) {
    await agencies.stop();
    throw error;
  }
});
