/** Seeds the demo parties into the database at DATABASE_URL, sealed with the configured PARTY_* keys. */
import { PrismaPg } from '@prisma/adapter-pg';
import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';
import { activeKeyMustExist, cryptoKeysOf, partyKeyVariables } from '../config';
import { createPartyCrypto } from '../crypto/party-crypto';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_TOWN_CODE, seedDemoParties } from './demo-town';

const SeedConfig = z.object({ DATABASE_URL: env.postgresUrl(), ...partyKeyVariables }).superRefine(activeKeyMustExist);

async function main(): Promise<void> {
  const config = loadConfig('party-service seed', SeedConfig, process.env);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  try {
    const ids = await seedDemoParties(prisma, createPartyCrypto(cryptoKeysOf(config)));
    console.log(`Demo parties of town ${DEMO_TOWN_CODE} seeded: ${ids.length} (ids da7a0000-…)`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
