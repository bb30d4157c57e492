/**
 * The Helm chart rendered by a pinned `helm` (built by the infra script, handed over in GONGZHI_HELM) and held to the
 * code: every process's config schema gets what it requires and nothing it does not read, no address is left to a
 * loopback default, the probes ask for the health paths the processes serve on the port they listen on, every image's
 * entry point is what the image build compiles, and the release jobs cover every database and search attribute.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { CASE_SEARCH_ATTRIBUTES, DISPUTE_TASK_QUEUE, HEALTH_PATHS } from '@gongzhi/contracts';
import { PROCESS_CONFIG_SCHEMAS } from '@gongzhi/testing/config-schemas';
import { CONTAINER_APPS } from '../container/apps';
import { buildContainerApps } from '../container/build-apps';
import { compiledEntryOf } from '../local/lib/compile-apps';
import { REPO_ROOT } from '../local/lib/profile';

const CHART = path.join(REPO_ROOT, 'deploy', 'helm', 'gongzhi');
const DOCKERFILE = path.join(REPO_ROOT, 'deploy', 'container', 'Dockerfile');
const RELEASE = 'town';

/** Each image's process and the schema its configuration is parsed with at start-up. */
const CONFIG_OF = PROCESS_CONFIG_SCHEMAS;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string | number } };
  livenessProbe?: { httpGet: { path: string; port: string | number } };
  startupProbe?: { httpGet: { path: string; port: string | number } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string }; persistentVolumeClaim?: { claimName: string } }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}
interface Manifest {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    template?: { spec: PodSpec };
    selector?: { matchLabels: Record<string, string> };
    scaleTargetRef?: { name: string };
    triggers?: { type: string; metadata: Record<string, string> }[];
  } & Record<string, unknown>;
}

function helm(): string {
  const binary = process.env['GONGZHI_HELM'];
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'GONGZHI_HELM names no helm binary: run the tests through `npm test` (it builds helm with go install)',
    );
  }
  return binary;
}

function render(...sets: string[]): Manifest[] {
  const out = execFileSync(helm(), ['template', RELEASE, CHART, ...sets.flatMap((set) => ['--set', set])], {
    encoding: 'utf8',
  });
  return parseAllDocuments(out)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

const manifests = render();
const values = (() => {
  const [doc] = parseAllDocuments(readFileSync(path.join(CHART, 'values.yaml'), 'utf8'));
  return doc?.toJS() as {
    secrets: Record<string, string>;
    searchAttributes: Record<string, string>;
    temporal: { taskQueue: string };
  };
})();

function deployment(app: string): { manifest: Manifest; pod: PodSpec; container: Container } {
  const manifest = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === `${RELEASE}-${app}`);
  const pod = manifest?.spec.template?.spec;
  const container = pod?.containers.find((c) => c.name === app);
  if (!manifest || !pod || !container) throw new Error(`no deployment of ${app} in the rendered chart`);
  return { manifest, pod, container };
}

const envOf = (container: Container) => new Map((container.env ?? []).map((v) => [v.name, v]));

/** The config keys whose default only works on one machine: an address on the loopback interface. */
function loopbackDefaults(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const parsed = (field as z.ZodType).safeParse(undefined);
    const value = parsed.success ? JSON.stringify(parsed.data ?? '') : '';
    return /127\.0\.0\.1|localhost/.test(value) ? [key] : [];
  });
}

/** The Dockerfile's targets: name → the command its image runs. */
function dockerTargets(): Map<string, { from: string; cmd?: string[] }> {
  const targets = new Map<string, { from: string; cmd?: string[] }>();
  let current: { from: string; cmd?: string[] } | undefined;
  for (const line of readFileSync(DOCKERFILE, 'utf8').split('\n')) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)/i.exec(line);
    if (from?.[1] && from[2]) {
      current = { from: from[1] };
      targets.set(from[2], current);
    }
    const cmd = /^CMD\s+(\[.*\])\s*$/.exec(line);
    if (cmd?.[1] && current) current.cmd = JSON.parse(cmd[1]) as string[];
  }
  return targets;
}

describe('the Helm chart, against the code', () => {
  it.each(CONTAINER_APPS.map((app) => [app.name]))(
    '%s gets every variable its config schema requires, none it does not read, and no loopback default',
    (name) => {
      const schema = CONFIG_OF[name];
      if (!schema) throw new Error(`no config schema known for ${name}`);
      const env = envOf(deployment(name).container);
      const parsed = schema.safeParse({});
      const required = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
      expect(required.filter((key) => !env.has(key))).toEqual([]);
      expect([...env.keys()].filter((key) => !(key in schema.shape))).toEqual([]);
      expect(loopbackDefaults(schema).filter((key) => !env.has(key))).toEqual([]);
      // Every literal value passes its own field's schema; secrets come from the secrets the chart documents.
      for (const variable of env.values()) {
        if (variable.value !== undefined) {
          const field = schema.shape[variable.name] as z.ZodType;
          expect({ [variable.name]: field.safeParse(variable.value).success }).toEqual({ [variable.name]: true });
        } else {
          expect(Object.values(values.secrets)).toContain(variable.valueFrom?.secretKeyRef?.name);
        }
      }
    },
  );

  it.each(CONTAINER_APPS.map((app) => [app.name, app.port]))(
    '%s is probed on the health paths the processes serve, on the port it listens on (%i)',
    (name, port) => {
      const { container } = deployment(name);
      const env = envOf(container);
      const listensOn = env.get(name === 'dispute-worker' ? 'HEALTH_PORT' : 'PORT')?.value;
      expect(listensOn).toBe(String(port));
      expect(env.get('HOST')?.value).toBe('0.0.0.0');
      const http = container.ports?.find((p) => p.name === 'http');
      expect(http?.containerPort).toBe(port);
      expect({
        ready: container.readinessProbe?.httpGet,
        live: container.livenessProbe?.httpGet,
        startup: container.startupProbe?.httpGet,
      }).toEqual({
        ready: { path: HEALTH_PATHS.ready, port: 'http' },
        live: { path: HEALTH_PATHS.live, port: 'http' },
        startup: { path: HEALTH_PATHS.live, port: 'http' },
      });
    },
  );

  it('mounts every file a process is pointed at, from the cluster’s secrets or the documents volume', () => {
    for (const { name } of CONTAINER_APPS) {
      const { pod, container } = deployment(name);
      for (const variable of container.env ?? []) {
        if (!/_FILE$|_DIR$/.test(variable.name) || variable.value === undefined) continue;
        if (variable.name === 'CONSOLE_WEB_DIR') continue; // in the image itself
        const mount = container.volumeMounts?.find(
          (m) => variable.value?.startsWith(`${m.mountPath}/`) || variable.value === m.mountPath,
        );
        const volume = pod.volumes?.find((v) => v.name === mount?.name);
        expect({ [variable.name]: Boolean(volume?.secret ?? volume?.persistentVolumeClaim) }).toEqual({
          [variable.name]: true,
        });
        if (volume?.secret) expect(volume.secret.secretName).toBe(values.secrets['keys']);
      }
    }
  });

  it('runs every process from its own image, whose entry point is the file the image build compiles', async () => {
    const targets = dockerTargets();
    const entries = await buildContainerApps();
    for (const { name } of CONTAINER_APPS) {
      expect(deployment(name).container.image).toMatch(new RegExp(`/${name}:[^/]+$`));
      const target = targets.get(name);
      expect({ name, from: target?.from }).toEqual({ name, from: 'runtime' });
      const script = target?.cmd?.find((part) => part.endsWith('.js'));
      expect({ name, script }).toEqual({ name, script: compiledEntryOf(name) });
      expect(entries[name]).toBe(compiledEntryOf(name));
      expect(existsSync(path.join(REPO_ROOT, compiledEntryOf(name)))).toBe(true);
    }
    // The images are the processes and the migrations job's: nothing else is built for the chart.
    expect([...targets.keys()].sort()).toEqual(
      ['build', 'runtime', 'migrate', ...CONTAINER_APPS.map((app) => app.name)].sort(),
    );
  });

  it('runs as nobody in particular: non-root, no privilege escalation, a read-only root filesystem', () => {
    const pods = manifests.flatMap((m) => (m.spec.template ? [m.spec.template.spec] : []));
    expect(pods.length).toBeGreaterThanOrEqual(CONTAINER_APPS.length);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
        });
      }
    }
  });

  it('keeps every process available through a voluntary disruption (a disruption budget per deployment)', () => {
    for (const { name } of CONTAINER_APPS) {
      const selector = deployment(name).manifest.spec.selector?.matchLabels;
      const budget = manifests.find(
        (m) => m.kind === 'PodDisruptionBudget' && m.metadata.name === `${RELEASE}-${name}`,
      );
      expect(budget?.spec.selector?.matchLabels).toEqual(selector);
    }
  });

  it('scales the workers on the backlog of the task queue case-service starts cases on', () => {
    const queue = (name: string) => envOf(deployment(name).container).get('TEMPORAL_TASK_QUEUE')?.value;
    expect(queue('case-service')).toBe(values.temporal.taskQueue);
    expect(queue('dispute-worker')).toBe(values.temporal.taskQueue);
    expect(values.temporal.taskQueue).toBe(DISPUTE_TASK_QUEUE);
    const scaler = manifests.find((m) => m.kind === 'ScaledObject');
    expect(scaler?.spec.scaleTargetRef?.name).toBe(`${RELEASE}-dispute-worker`);
    expect(scaler?.spec.triggers?.[0]).toMatchObject({ type: 'temporal', metadata: { taskQueue: DISPUTE_TASK_QUEUE } });
    // Autoscaled, the deployment leaves the replica count to the scaler; without it, the chart sets it.
    expect(deployment('dispute-worker').manifest.spec['replicas']).toBeUndefined();
    const fixed = render('apps.dispute-worker.autoscaling.enabled=false', 'apps.dispute-worker.replicas=3');
    expect(fixed.some((m) => m.kind === 'ScaledObject')).toBe(false);
    const worker = fixed.find((m) => m.kind === 'Deployment' && m.metadata.name === `${RELEASE}-dispute-worker`);
    expect(worker?.spec['replicas']).toBe(3);
  });

  it('migrates every database before a release starts, and registers every search attribute', () => {
    const databases = readdirSync(path.join(REPO_ROOT, 'services'))
      .filter((dir) => existsSync(path.join(REPO_ROOT, 'services', dir, 'prisma', 'migrations')))
      .map((dir) => dir.replace(/-service$/, ''))
      .sort();
    const jobs = manifests.filter((m) => m.kind === 'Job' && /-migrate-/.test(m.metadata.name));
    const migrated = jobs.map((job) => {
      const container = job.spec.template?.spec.containers[0];
      if (!container) throw new Error(`job ${job.metadata.name} has no container`);
      expect(container.image).toMatch(/\/migrate:[^/]+$/);
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const env = envOf(container);
      expect(env.get('DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual({
        name: values.secrets['databases'],
        key: env.get('GONGZHI_DATABASE')?.value,
      });
      return env.get('GONGZHI_DATABASE')?.value;
    });
    expect(migrated.sort()).toEqual(databases);
    const migrateScript = readFileSync(path.join(REPO_ROOT, 'deploy', 'container', 'migrate.sh'), 'utf8');
    for (const database of databases) expect(migrateScript).toContain(database);

    expect(values.searchAttributes).toEqual(CASE_SEARCH_ATTRIBUTES);
    const registration = manifests.find((m) => m.kind === 'Job' && m.metadata.name === `${RELEASE}-search-attributes`);
    const script = JSON.stringify(registration?.spec.template?.spec.containers[0]);
    for (const [name, type] of Object.entries(CASE_SEARCH_ATTRIBUTES)) {
      expect(script).toContain(`--name ${name} --type ${type}`);
    }
  });

  it('creates every Kafka topic the processes publish to or dead-letter into (Strimzi, no auto-creation)', () => {
    const file = path.join(REPO_ROOT, 'deploy', 'helm', 'dependencies', 'strimzi-kafka.yaml');
    const topics = parseAllDocuments(readFileSync(file, 'utf8'))
      .map((doc) => doc.toJS() as { kind: string; metadata: { name: string } })
      .filter((doc) => doc.kind === 'KafkaTopic')
      .map((doc) => doc.metadata.name);
    const used = Object.values(CONFIG_OF).flatMap((schema) =>
      Object.entries(schema.shape)
        .filter(([key]) => /^KAFKA_TOPIC_|_DLQ_TOPIC$/.test(key))
        .map(([, field]) => (field as z.ZodType).parse(undefined) as string),
    );
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((topic) => !topics.includes(topic))).toEqual([]);
  });

  it.each([['s3'], ['local']])(
    'starts case-service with its documents in %s storage: its whole configuration parses',
    (store) => {
      const rendered = render(`documents.store=${store}`);
      const caseService = rendered.find(
        (m) => m.kind === 'Deployment' && m.metadata.name === `${RELEASE}-case-service`,
      );
      const container = caseService?.spec.template?.spec.containers[0];
      if (!container) throw new Error('no case-service in the rendered chart');
      // The cluster's secrets stand in as values of their shape.
      const env = Object.fromEntries(
        (container.env ?? []).map((v) => [
          v.name,
          v.value ?? (v.name === 'DATABASE_URL' ? 'postgresql://case:secret@db/case' : 'a-secret-value'),
        ]),
      );
      const parsed = PROCESS_CONFIG_SCHEMAS['case-service']?.safeParse(env);
      expect(parsed?.error?.issues ?? []).toEqual([]);
      expect(env['CASE_DOCUMENT_STORE']).toBe(store);
      const claims = rendered.filter((m) => m.kind === 'PersistentVolumeClaim');
      expect(claims.length).toBe(store === 'local' ? 1 : 0);
    },
  );

  it('lets people in through the console only, when an ingress is asked for', () => {
    expect(manifests.some((m) => m.kind === 'Ingress')).toBe(false);
    const exposed = render('console.ingress.enabled=true', 'console.ingress.host=gongzhi.test');
    const ingresses = exposed.filter((m) => m.kind === 'Ingress');
    expect(ingresses.map((m) => JSON.stringify(m.spec))).toEqual([expect.stringContaining(`"${RELEASE}-console"`)]);
    // The worker answers its probes only: no service in front of it.
    expect(manifests.some((m) => m.kind === 'Service' && m.metadata.name === `${RELEASE}-dispute-worker`)).toBe(false);
  });
});
