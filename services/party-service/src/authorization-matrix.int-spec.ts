import { describeAuthorizationMatrix } from './testing/authorization-matrix';
import { startPartyServiceOnPostgres } from './testing/party-service-on-postgres';

// The unit tier's matrix (authorization-matrix.spec.ts), on real repositories, crypto and token verification.
describeAuthorizationMatrix('authorization matrix on PostgreSQL', async () => {
  // Every row comes from one address within a minute: the production limits would answer 429 as the matrix grows.
  const service = await startPartyServiceOnPostgres({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  return { service, close: service.close };
});
