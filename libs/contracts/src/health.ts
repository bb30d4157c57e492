/**
 * The health endpoints every Gongzhi process answers (the services, the console and the dispute worker): what
 * orchestrators probe. One definition, so the Helm chart's probes are checked against the paths the code serves.
 */
export const HEALTH_PATHS = {
  /** 200 while the process runs: a failing liveness probe restarts it. */
  live: '/health/live',
  /** 200 when it can do its work (its database, its Temporal worker polling); 503 otherwise: traffic goes elsewhere. */
  ready: '/health/ready',
} as const;
export type HealthPath = (typeof HEALTH_PATHS)[keyof typeof HEALTH_PATHS];
