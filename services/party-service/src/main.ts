/** party-service process: owns the people in disputes (persons, organisations, risk flags). */
import { PrismaPg } from '@prisma/adapter-pg';
import { createLogger, runHttpService } from '@gongzhi/http';
import { loadPartyServiceConfig } from './config';
import { PrismaClient } from './generated/prisma/client';
import { createPartyService } from './party-service';

async function main(): Promise<void> {
  const config = loadPartyServiceConfig();
  const logger = createLogger('party-service', config.LOG_LEVEL);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  const { app } = createPartyService({
    logger,
    readiness: {
      database: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
    },
  });
  await runHttpService({ app, port: config.PORT, host: config.HOST, logger, onShutdown: [() => prisma.$disconnect()] });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
