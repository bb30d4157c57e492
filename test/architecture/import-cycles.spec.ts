/**
 * The workspace's import-cycle rule counts type-only imports, which import-x/no-cycle skips: two modules that need
 * each other's types cannot be read, moved or tested apart either. This lints a small tree of its own with the rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Finding {
  file: string;
  line: number;
  message: string;
}

function lint(files: Record<string, string>): Finding[] {
  const directory = mkdtempSync(path.join(tmpdir(), 'import-cycles-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
      writeFileSync(path.join(directory, name), text);
    }
    const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-import-cycles.mjs'), directory], {
      encoding: 'utf8',
    });
    return JSON.parse(output) as Finding[];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('the import-cycle lint rule', () => {
  it('reports both imports of a cycle made of type-only imports, naming the chain', () => {
    const findings = lint({
      'case.ts': "import type { Step } from './steps/step';\nexport class Case { steps: Step[] = []; }\n",
      'steps/step.ts': "import type { Case } from '../case';\nexport type Step = (c: Case) => void;\n",
      'reader.ts': "import type { Case } from './case';\nexport const read = (c: Case) => c.steps.length;\n",
    });
    expect(findings).toEqual([
      {
        file: 'case.ts',
        line: 1,
        message: 'Import cycle (type-only imports count): case.ts → steps/step.ts → case.ts',
      },
      {
        file: 'steps/step.ts',
        line: 1,
        message: 'Import cycle (type-only imports count): steps/step.ts → case.ts → steps/step.ts',
      },
    ]);
  });

  it('follows re-exports and index files, and passes a tree without cycles', () => {
    const cycle = lint({
      'a.ts': "export { b } from './b';\nexport const a = 1;\n",
      'b/index.ts': "import { a } from '../a';\nexport const b = a + 1;\n",
    });
    expect(cycle.map((finding) => finding.file).sort()).toEqual(['a.ts', 'b/index.ts']);
    const clean = lint({
      'model.ts': 'export interface Record { id: string }\n',
      'repository.ts': "import type { Record } from './model';\nexport const all: Record[] = [];\n",
      'service.ts':
        "import { all } from './repository';\nimport type { Record } from './model';\nexport const first = (): Record | undefined => all[0];\n",
    });
    expect(clean).toEqual([]);
  });
});
