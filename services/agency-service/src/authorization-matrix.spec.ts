import { createFakeAgencyService } from './agency-service.fakes';
import { runAuthorizationMatrix } from './testing/authorization-matrix';

// The matrix itself lives in testing/authorization-matrix.ts; authorization-matrix.int-spec.ts runs it on PostgreSQL.
runAuthorizationMatrix({ start: () => createFakeAgencyService() });
