/**
 * A process run as several replicas, as a deployment runs it: a service's copies each on a port of their own behind a
 * round-robin proxy on the service's port (what its callers dial), a worker's copies side by side. Used by the e2e
 * stacks (GONGZHI_E2E_REPLICAS) and `npm start -- --replicas N`.
 */
import { freePort } from './free-port';
import { type AppProcess, type AppSpec, startApp } from './app-process';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy';

export interface ReplicatedApp {
  /** The replicas as one process: stopped, killed and restarted together. */
  group: AppProcess;
  replicas: AppProcess[];
  /** In front of a service's replicas (none for a worker, which listens on no port). */
  proxy?: RoundRobinProxy;
}

/** The replicas as one process: a suite's "the worker crashes" is all of them. */
function replicaGroup(name: string, replicas: AppProcess[]): AppProcess {
  const [first] = replicas;
  if (!first) throw new Error(`no replica of ${name} started`);
  return {
    name,
    child: first.child,
    stop: async (graceMs) => {
      await Promise.all(replicas.map((replica) => replica.stop(graceMs)));
    },
    kill9: async () => {
      await Promise.all(replicas.map((replica) => replica.kill9()));
    },
  };
}

/**
 * Starts `count` replicas of the spec, named `<name>.<n>` (their logs too). A spec with a PORT listens through a
 * round-robin proxy on that port: an existing `proxy` (a restart) is pointed at the new replicas, else one is started.
 */
export async function startReplicas(
  spec: AppSpec,
  count: number,
  logDir: string,
  proxy?: RoundRobinProxy,
): Promise<ReplicatedApp> {
  const publicPort = spec.env['PORT'];
  const started = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const name = `${spec.name}.${index + 1}`;
      if (publicPort === undefined) return { port: 0, app: await startApp({ ...spec, name }, logDir) };
      const port = await freePort();
      const readyUrl = spec.readyUrl?.replace(`:${publicPort}/`, `:${port}/`);
      const replica: AppSpec = {
        ...spec,
        name,
        env: { ...spec.env, PORT: String(port) },
        ...(readyUrl ? { readyUrl } : {}),
      };
      return { port, app: await startApp(replica, logDir) };
    }),
  );
  const replicas = started.map((replica) => replica.app);
  const group = replicaGroup(spec.name, replicas);
  if (publicPort === undefined) return { group, replicas };
  const ports = started.map((replica) => replica.port);
  if (proxy) {
    proxy.targets = ports;
    return { group, replicas, proxy };
  }
  return { group, replicas, proxy: await startRoundRobinProxy(Number(publicPort), ports) };
}
