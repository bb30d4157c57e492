import type { AgencyRepositories } from './agency-service';
import { createAgenciesRepository } from './agencies/agencies.repository';
import { createAuthRepository } from './auth/auth.repository';
import type { PrismaClient } from './generated/prisma/client';
import { createPolicyRepository } from './policy/policy.repository';
import { createStaffRepository } from './staff/staff.repository';

/** The Prisma-backed repositories of every feature. */
export function createPrismaRepositories(prisma: PrismaClient): AgencyRepositories {
  return {
    agencies: createAgenciesRepository(prisma),
    staff: createStaffRepository(prisma),
    auth: createAuthRepository(prisma),
    policies: createPolicyRepository(prisma),
  };
}
