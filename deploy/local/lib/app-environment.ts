/**
 * What the services and the worker of a whole local stack are given (`npm start`, `npm run bench`): each service's own
 * database, the profile's ports, Kafka, the local secrets. One place, so a stack started for measuring runs exactly
 * like the one people use.
 */
import path from 'node:path';
import type { AppEnvironment, ServiceName } from '@gongzhi/testing/apps';
import { ensureLocalSecrets } from '@gongzhi/testing/local-secrets';
import type { InfraSummary } from '../infra-lib';
import { SERVICES } from '../prepare';
import { InfraError } from './log';
import type { StackProfile } from './profile';

/** Each service's database URL; a service without one stops the start with its name. */
export function serviceDatabaseUrls(infra: InfraSummary): Record<ServiceName, string> {
  return Object.fromEntries(
    SERVICES.map((service) => {
      const url = infra.postgres?.databases.find((db) => db.database === service)?.url;
      if (!url) throw new InfraError(`no database for ${service}-service`);
      return [service, url];
    }),
  ) as Record<ServiceName, string>;
}

export function stackAppEnvironment(
  profile: StackProfile,
  infra: InfraSummary,
  databaseUrls: Record<ServiceName, string>,
): AppEnvironment {
  return {
    temporalAddress: infra.temporal?.address ?? '',
    databaseUrls,
    ports: {
      party: profile.ports.partyService,
      case: profile.ports.caseService,
      agency: profile.ports.agencyService,
      statistics: profile.ports.statisticsService,
    },
    // The services publish their domain events through their outboxes; statistics-service consumes them.
    kafkaBrokers: infra.kafka?.brokers ?? [],
    secrets: ensureLocalSecrets(path.join(profile.dataDir, 'keys')),
    documentsDir: path.join(profile.dataDir, 'documents'),
  };
}
