/**
 * Turns a checkout into runnable code: Prisma clients generated from each service's schema, the workflow bundle
 * built, and each service's migrations applied to its database. Shared by `npm start` and `npm test`.
 */
import path from 'node:path';
import type { ServiceName } from '@gongzhi/testing/apps';
import { existsSync } from 'node:fs';
import type { AppSpec } from '@gongzhi/testing/app-process';
import { capture, runLogged } from './lib/exec';
import { formatDuration, InfraError, type Logger } from './lib/log';
import { REPO_ROOT, type StackProfile } from './lib/profile';

/** Services with a Prisma schema and a database of their own, in the order of SERVICE_DATABASES. */
export const SERVICES: readonly ServiceName[] = ['party', 'case', 'agency', 'statistics'];

const bin = (name: string) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
const serviceDir = (service: ServiceName) => path.join(REPO_ROOT, 'services', `${service}-service`);

async function timed(log: Logger, component: string, message: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  log.info(component, `${message}…`);
  await run();
  log.info(component, `${message}: done in ${formatDuration(Date.now() - started)}`);
}

export async function generatePrismaClients(profile: StackProfile, log: Logger): Promise<void> {
  await timed(log, 'prisma', `generating the Prisma clients of ${SERVICES.join(', ')} and the console`, async () => {
    await Promise.all(
      [...SERVICES.map((service) => `services/${service}-service`), 'services/console'].map((dir) =>
        runLogged(
          bin('prisma'),
          ['generate'],
          path.join(profile.logDir, 'prisma.log'),
          `Check ${dir}/prisma/schema.prisma.`,
          {
            cwd: path.join(REPO_ROOT, dir),
          },
        ),
      ),
    );
  });
}

/** Applies the web console's migrations (its sessions table) to its database. */
export async function migrateConsoleDatabase(profile: StackProfile, databaseUrl: string, log: Logger): Promise<void> {
  const database = new URL(databaseUrl).pathname.slice(1);
  await timed(log, 'prisma', `applying console migrations to database ${database}`, () =>
    runLogged(
      bin('prisma'),
      ['migrate', 'deploy'],
      path.join(profile.logDir, 'prisma.log'),
      'Migrations of the console failed.',
      {
        cwd: path.join(REPO_ROOT, 'services', 'console'),
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    ),
  );
}

export async function bundleWorkflows(profile: StackProfile, log: Logger): Promise<void> {
  await timed(log, 'workflows', 'bundling the dispute workflows', () =>
    runLogged(
      bin('tsx'),
      ['workflows/dispute/scripts/bundle.ts'],
      path.join(profile.logDir, 'bundle.log'),
      'The workflow code does not bundle.',
      {
        cwd: REPO_ROOT,
      },
    ),
  );
}

/** Applies the service's committed migrations (`prisma migrate deploy`): never generates new ones. */
export async function migrateDatabase(
  profile: StackProfile,
  service: ServiceName,
  databaseUrl: string,
  log: Logger,
): Promise<void> {
  const database = new URL(databaseUrl).pathname.slice(1);
  await timed(log, 'prisma', `applying ${service}-service migrations to database ${database}`, () =>
    runLogged(
      bin('prisma'),
      ['migrate', 'deploy'],
      path.join(profile.logDir, 'prisma.log'),
      `Migrations of ${service}-service failed.`,
      {
        cwd: serviceDir(service),
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    ),
  );
}

/**
 * Runs a service's demo-town seed (`src/seed/main.ts`, idempotent) with the environment the service itself gets,
 * and passes on what it prints (e.g. the demo accounts). Services without a seed are skipped.
 */
export async function seedService(service: ServiceName, spec: AppSpec, log: Logger): Promise<void> {
  const entry = path.join(serviceDir(service), 'src', 'seed', 'main.ts');
  if (!existsSync(entry)) return;
  const result = await capture(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env },
    timeoutMs: 60_000,
  });
  if (result.code !== 0) {
    throw new InfraError(`the ${service}-service demo seed failed: ${(result.stderr || result.stdout).trim()}`);
  }
  for (const line of result.stdout.trim().split('\n').filter(Boolean)) log.info('seed', line);
}
