/**
 * Each process's configuration schema, by the name its image and deployment carry (deploy/container/apps.ts): what
 * the deployment tests hold the Helm chart to. The schemas are the ones the processes parse their environment with at
 * start-up, so a variable added to a process shows up here without anyone listing it again.
 */
import { AgencyServiceConfig } from '@gongzhi/agency-service/config';
import { CaseServiceConfig } from '@gongzhi/case-service/config';
import { ConsoleConfig } from '@gongzhi/console/config';
import { WorkerConfig } from '@gongzhi/dispute-worker/config';
import { PartyServiceConfig } from '@gongzhi/party-service/config';
import { StatisticsServiceConfig } from '@gongzhi/statistics-service/config';
import type { z } from 'zod';

export const PROCESS_CONFIG_SCHEMAS: Readonly<Record<string, z.ZodObject>> = {
  'party-service': PartyServiceConfig,
  'case-service': CaseServiceConfig,
  'agency-service': AgencyServiceConfig,
  'statistics-service': StatisticsServiceConfig,
  'dispute-worker': WorkerConfig,
  console: ConsoleConfig,
};
