/**
 * The commands a newcomer is shown — the lines of `npm start`'s banner and every line of a ```sh block in the README
 * and docs/ — run as written, one after another in a shell, against a running stack. The only change is the one a
 * newcomer's stack makes itself: this suite's stack lives at its own addresses and topic names, so the dev profile's
 * addresses and topic names in the text are read as this stack's (and the tools are told where it is, as
 * GONGZHI_PROFILE or the *_URL variables would tell them).
 *
 * Not run here: `npm start`, `npm stop`, `npm test` and `npm install` (they start, stop or are this very run) and the
 * benchmark and the crash-chaos run (minutes long).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { testStack } from '@gongzhi/testing';
import { serviceUrl } from '@gongzhi/testing/apps';
import { DEFAULT_EVENT_TOPICS } from '@gongzhi/contracts';
import { eventually, type Staff, TownStack } from './support/town-stack';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Data the local stack's scripts keep for this test: the banner's commands, and the ports the text's addresses use. */
function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
}
const BANNER = readJson<{ commands: string[] }>('deploy/local/cli/try-commands.json').commands;
const DEV_PORTS = readJson<{ dev: { caseService: number; agencyService: number; partyService: number } }>(
  'deploy/local/lib/default-ports.json',
).dev;
const NOT_RUN = /^npm (start|stop|test|install|ci)\b|^npm run (bench|chaos|start|test)\b/;

/** Every command line of the ```sh blocks of a Markdown file (continuation lines joined). */
function shellLines(file: string): string[] {
  const lines: string[] = [];
  let inBlock = false;
  let pending = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*```/.test(line)) {
      inBlock = !inBlock && /^\s*```(sh|shell)\s*$/.test(line);
      continue;
    }
    if (!inBlock) continue;
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    if (text.endsWith('\\')) {
      pending += `${text.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + text);
    pending = '';
  }
  return lines;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

const documented = [path.join(REPO_ROOT, 'README.md'), ...markdownFiles(path.join(REPO_ROOT, 'docs'))].flatMap((file) =>
  shellLines(file).map((command) => ({ file: path.relative(REPO_ROOT, file), command })),
);

/** The problem document a service answered with (RFC 9457), if that is what the output is. */
function problemIn(output: string): unknown {
  try {
    const body = JSON.parse(output) as { type?: unknown; status?: unknown };
    return typeof body.type === 'string' && typeof body.status === 'number' && body.status >= 400 ? body : undefined;
  } catch {
    return undefined;
  }
}

describe('the commands the README, the docs and the start banner show', () => {
  const stack = new TownStack();
  let caseId: string;
  /** The dev stack's addresses and names, as the text writes them, and this stack's. */
  let substitutions: [string, string][];
  let toolEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    await stack.start(['agency-service', 'party-service', 'case-service', 'dispute-worker'], {
      party: 24081,
      case: 24082,
      agency: 24083,
      statistics: 24084,
    });
    const grid: Staff = await stack.login('grid.shangba');
    // Two cases, as the demo town has three: the banner's tail of the case topic shows its first three events.
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
        key: `commands-as-written-${n}`,
        body: {
          disputeType: 'neighbour',
          source: 'grid-report',
          summary: 'Two households disagree over a drainage ditch along the lane.',
          townCode: 'qingshui',
          villageCode: 'shangba',
        },
      });
      expect(opened.status).toBe(201);
      ids.push(opened.body.id);
    }
    caseId = ids[0] ?? '';
    await eventually('the case’s first task', async () => {
      const tasks = await stack.call<{ items: unknown[] }>(grid, 'GET', `/api/v1/cases/${caseId}/tasks`);
      return tasks.body.items.length > 0 ? true : undefined;
    });
    const local = (port: number) => `http://127.0.0.1:${port}`;
    substitutions = [
      [local(DEV_PORTS.caseService), serviceUrl(stack.env, 'case')],
      [local(DEV_PORTS.agencyService), serviceUrl(stack.env, 'agency')],
      [local(DEV_PORTS.partyService), serviceUrl(stack.env, 'party')],
      [` ${DEFAULT_EVENT_TOPICS.case} `, ` ${stack.topic('case')} `],
      [` ${DEFAULT_EVENT_TOPICS.party} `, ` ${stack.topic('party')} `],
      [` ${DEFAULT_EVENT_TOPICS.agency} `, ` ${stack.topic('agency')} `],
    ];
    const infra = testStack();
    toolEnv = {
      ...process.env,
      CASE_SERVICE_URL: serviceUrl(stack.env, 'case'),
      AGENCY_SERVICE_URL: serviceUrl(stack.env, 'agency'),
      TEMPORAL_ADDRESS: infra.temporalAddress,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      // The test profile's cache is the one this run built the Temporal CLI in.
      GONGZHI_PROFILE: 'test',
    };
  });

  afterAll(async () => {
    await stack.stop();
  });

  /**
   * What a command reads besides the stack's addresses: the audit check reads a service's database and key, which on
   * this stack are its own (fresh databases per suite, the run's keys) rather than the profile's.
   */
  function envOf(command: string): NodeJS.ProcessEnv {
    const audited = /audit:verify .*--service (party|case|agency)\b/.exec(command)?.[1] as
      'party' | 'case' | 'agency' | undefined;
    if (!audited) return toolEnv;
    const databaseUrl = stack.env.databaseUrls[audited];
    if (!databaseUrl) throw new Error(`no ${audited} database on this stack`);
    return {
      ...toolEnv,
      DATABASE_URL: databaseUrl,
      AUDIT_CHAIN_KEY_FILE: stack.env.secrets.auditChainKeyFiles[audited],
    };
  }

  async function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const local = substitutions.reduce((text, [from, to]) => text.split(from).join(to), `${command} `).trimEnd();
    try {
      const { stdout, stderr } = await promisify(execFile)('bash', ['-o', 'pipefail', '-c', local], {
        cwd: REPO_ROOT,
        env: envOf(command),
        timeout: 90_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof failed.code === 'number' ? failed.code : 1,
        stdout: failed.stdout ?? '',
        stderr: failed.stderr ?? '',
      };
    }
  }

  it('runs the banner’s commands: the demo case read with a token, its workflow, its events, the stuck scan', async () => {
    const filled = BANNER.map((command) =>
      command.replaceAll('{caseServiceUrl}', serviceUrl(stack.env, 'case')).replaceAll('{demoCaseId}', caseId),
    );
    const [curl, temporal, topic, stuck] = filled as [string, string, string, string];

    const read = await run(curl);
    expect(read).toMatchObject({ code: 0 });
    expect(JSON.parse(read.stdout)).toMatchObject({ id: caseId });

    const workflows = await run(temporal);
    expect(workflows).toMatchObject({ code: 0 });
    expect(workflows.stdout).toContain(`dispute-case-${caseId}`);

    const events = await run(topic);
    expect(events).toMatchObject({ code: 0 });
    const lines = events.stdout.split('\n').filter((line) => line.startsWith('{'));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({
        topic: stack.topic('case'),
        event: expect.objectContaining({ type: expect.any(String) }),
      });
    }

    const scan = await run(stuck);
    expect(scan).toMatchObject({ code: 0 });
  });

  it('finds commands to run in the README', () => {
    expect(documented.filter(({ file }) => file === 'README.md').length).toBeGreaterThan(0);
  });

  it.each(documented.filter(({ command }) => !NOT_RUN.test(command)))('$file: $command', async ({ command }) => {
    const result = await run(command);
    if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stderr || result.stdout}`);
    // curl exits 0 on any answer: an API call shown in the docs must also be answered, not refused.
    if (command.startsWith('curl ')) expect(problemIn(result.stdout)).toBeUndefined();
  });

  it('says what a mistake is: an unknown admin command exits 2 with the usage, --help exits 0', async () => {
    const wrong = await run('npm run -s admin -- stcuk');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('usage: npm run admin');
    const help = await run('npm run -s admin -- --help');
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('stuck');
    const topic = await run('npm run -s topic -- no.such.topic --max 1');
    expect(topic.code).toBe(1);
    expect(topic.stderr).toContain('There is no topic no.such.topic');
  });
});
