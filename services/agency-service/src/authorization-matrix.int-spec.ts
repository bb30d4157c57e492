import { PrismaPg } from '@prisma/adapter-pg';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { runAuthorizationMatrix } from './testing/authorization-matrix';
import { createPrismaAgencyService } from './testing/prisma-wiring';

// The unit tier's matrix (testing/authorization-matrix.ts), row for row, on real repositories and a real database:
// one database and one app for the whole file, since rows that write only add objects or rewrite a fixture as it was.
let db: TestDatabase | undefined;
let prisma: PrismaClient | undefined;

runAuthorizationMatrix({
  async start() {
    db = await createTestDatabase('agency');
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    return createPrismaAgencyService(prisma);
  },
  async stop() {
    await prisma?.$disconnect();
    await db?.drop();
  },
});
