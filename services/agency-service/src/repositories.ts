import type { AgencyRepositories } from './agency-service';
import { createAgenciesRepository } from './agencies/agencies.repository';
import { createAuthRepository } from './auth/auth.repository';
import { createDirectoryRepository } from './directory/directory.repository';
import { type AgencyEvents, createAgencyEvents } from './events/agency-events';
import type { PrismaClient } from './generated/prisma/client';
import { createPolicyRepository } from './policy/policy.repository';
import { createStaffRepository } from './staff/staff.repository';
import { createVillagesRepository } from './villages/villages.repository';

/** The Prisma-backed repositories of every feature. */
export function createPrismaRepositories(
  prisma: PrismaClient,
  events: AgencyEvents = createAgencyEvents(),
): AgencyRepositories {
  return {
    agencies: createAgenciesRepository(prisma, events),
    staff: createStaffRepository(prisma, { events }),
    auth: createAuthRepository(prisma),
    policies: createPolicyRepository(prisma, events),
    villages: createVillagesRepository(prisma),
    directory: createDirectoryRepository(prisma),
  };
}
