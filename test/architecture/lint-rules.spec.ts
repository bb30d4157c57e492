/**
 * The lint rules that keep workflow code deterministic, the module boundaries and the rules on tests are only worth
 * something if they fire. This lints snippets as if they were files of the workflow project (and, for contrast, of a
 * service, a library or a test) with the workspace's own config.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const workflowFile = 'workflows/dispute/src/probe.workflow.ts';
const serviceFile = 'services/case-service/src/probe.ts';

const snippets = {
  nodePrefixedBuiltin: [workflowFile, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  bareBuiltin: [workflowFile, "import { randomUUID } from 'crypto';\nexport const x = randomUUID;\n"],
  databaseClient: [workflowFile, "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n"],
  kafkaClient: [workflowFile, "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n"],
  temporalClient: [workflowFile, "import { Client } from '@temporalio/client';\nexport const x = Client;\n"],
  environmentAndTimers: [workflowFile, 'export const a = process.env.X;\nexport const b = setTimeout;\n'],
  workflowSdkAndContracts: [
    workflowFile,
    "import { condition } from '@temporalio/workflow';\nimport { DISPUTE_TASK_QUEUE } from '@gongzhi/contracts/dispute';\n" +
      'export async function probe(): Promise<string> {\n  await condition(() => true);\n  return DISPUTE_TASK_QUEUE;\n}\n',
  ],
  serviceUsingBuiltin: [serviceFile, "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();\n"],
  workflowUsingHttpLib: [
    workflowFile,
    "import { createLogger } from '@gongzhi/http';\nexport const x = createLogger;\n",
  ],
  contractsUsingHttpLib: [
    'libs/contracts/src/probe.ts',
    "import { createLogger } from '@gongzhi/http';\nexport const x = createLogger;\n",
  ],
  focusedAndSkippedTests: [
    'test/architecture/probe.ts',
    // Spelt from parts: the snippet is code for the linter to read, not a focused test of this file.
    `describe.${'only'}('a group', () => {\n  it.${'skip'}('a test', () => undefined);\n  it('another', () => undefined);\n});\n`,
  ],
} as const;

type SnippetName = keyof typeof snippets;

let findings: Record<SnippetName, string[]>;

beforeAll(() => {
  const names = Object.keys(snippets) as SnippetName[];
  const input = JSON.stringify(names.map((name) => ({ file: snippets[name][0], code: snippets[name][1] })));
  const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-snippets.mjs')], { cwd: repoRoot, input });
  const perSnippet = JSON.parse(output.toString('utf8')) as string[][];
  findings = Object.fromEntries(names.map((name, i) => [name, perSnippet[i] ?? []])) as Record<SnippetName, string[]>;
}, 120_000);

describe('Nx tag constraints', () => {
  it('keep workflows to contracts and workflow-safe utilities', () => {
    expect(findings.workflowUsingHttpLib).toContain('@nx/enforce-module-boundaries');
  });

  it('keep contracts free of everything but contracts', () => {
    expect(findings.contractsUsingHttpLib).toContain('@nx/enforce-module-boundaries');
  });
});

describe('workflow code may not touch the world', () => {
  it.each(['nodePrefixedBuiltin', 'bareBuiltin', 'databaseClient', 'kafkaClient', 'temporalClient'] as const)(
    'refuses an import of %s',
    (name) => {
      expect(findings[name]).toContain('no-restricted-imports');
    },
  );

  it('refuses reading the environment and real timers', () => {
    expect(findings.environmentAndTimers.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });

  it('allows the workflow SDK and the contracts', () => {
    expect(findings.workflowSdkAndContracts).toEqual([]);
  });

  it('lets a service use the same packages', () => {
    expect(findings.serviceUsingBuiltin).toEqual([]);
  });
});

describe('tests on main', () => {
  it('may be neither focused nor skipped', () => {
    expect(findings.focusedAndSkippedTests.filter((id) => id === 'no-restricted-syntax')).toHaveLength(2);
  });
});
