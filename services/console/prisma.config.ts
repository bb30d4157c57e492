import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { usePrismaOffline } from '@gongzhi/prisma-offline';

// Prisma's native schema engine cannot be downloaded here; the offline bridge speaks its protocol instead.
usePrismaOffline();

export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  // `generate` needs no database; read the variable directly so it works without one.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
