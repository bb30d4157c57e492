/** Seeds the demo town into the database at DATABASE_URL and prints the demo accounts. */
import { PrismaPg } from '@prisma/adapter-pg';
import { env, eventTopicSettings, loadConfig } from '@gongzhi/config';
import { z } from 'zod';
import { createAgencyEvents } from '../events/agency-events';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from './demo-town';

async function main(): Promise<void> {
  const config = loadConfig(
    'agency-service seed',
    z.object({
      DATABASE_URL: env.postgresUrl(),
      KAFKA_TOPIC_AGENCY_EVENTS: eventTopicSettings.KAFKA_TOPIC_AGENCY_EVENTS,
    }),
    process.env,
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  try {
    await seedDemoTown(prisma, createAgencyEvents(config.KAFKA_TOPIC_AGENCY_EVENTS));
  } finally {
    await prisma.$disconnect();
  }
  // Printing the password is the point of a demo seed; these accounts exist only in local databases.
  console.log(`Demo town ${DEMO_TOWN_CODE} seeded. Every account's password: ${DEMO_PASSWORD}`);
  for (const staff of Object.values(DEMO_STAFF)) {
    console.log(`  ${staff.username.padEnd(18)} ${staff.roles.join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
