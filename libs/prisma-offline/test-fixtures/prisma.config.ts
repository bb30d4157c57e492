import { defineConfig } from 'prisma/config';
import { usePrismaOffline } from '../src';

// Fixture for schema-engine.int-spec.ts, written the way a service's prisma.config.ts is (a service imports
// '@gongzhi/prisma-offline'; inside this project the module-boundary lint wants a relative path): the engine comes
// from usePrismaOffline(), the URL from the environment (env() would make `prisma generate` fail when it is unset).
// The spec points the schema and migrations at a temporary directory, since migrate dev writes there.
usePrismaOffline();

export default defineConfig({
  schema: process.env['PRISMA_OFFLINE_FIXTURE_SCHEMA'] ?? 'schema.prisma',
  migrations: { path: process.env['PRISMA_OFFLINE_FIXTURE_MIGRATIONS'] ?? 'migrations' },
  datasource: { url: process.env['DATABASE_URL'], shadowDatabaseUrl: process.env['SHADOW_DATABASE_URL'] },
});
