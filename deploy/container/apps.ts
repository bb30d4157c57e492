/**
 * The processes Gongzhi ships as container images: one image per process, each the compiled JavaScript of one entry
 * (deploy/local/lib/compile-apps.ts, as `npm start` runs them) on the production npm dependencies. The Dockerfile's
 * targets and the Helm chart's deployments are named after these; the chart's render test holds all three to this list.
 */
export interface ContainerApp {
  /** The image's Dockerfile target, the chart's deployment, and `dist/apps/<name>/main.js`. */
  name: string;
  /** The TypeScript entry compiled into the image. */
  entry: string;
  /** The port its health endpoints (and, for the services and the console, its API) answer on. */
  port: number;
}

export const CONTAINER_APPS: readonly ContainerApp[] = [
  { name: 'party-service', entry: 'services/party-service/src/main.ts', port: 3001 },
  { name: 'case-service', entry: 'services/case-service/src/main.ts', port: 3002 },
  { name: 'agency-service', entry: 'services/agency-service/src/main.ts', port: 3003 },
  { name: 'statistics-service', entry: 'services/statistics-service/src/main.ts', port: 3004 },
  { name: 'dispute-worker', entry: 'workflows/worker/src/main.ts', port: 8080 },
  { name: 'console', entry: 'services/console/src/server/main.ts', port: 3000 },
];
