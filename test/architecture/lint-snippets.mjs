// Lints code snippets as if they were files at the given paths, with the workspace's ESLint config, and prints the
// rule ids each one trips as JSON. Typed linting only parses files that exist, so each snippet is written to its
// path for the duration of the run and removed afterwards. Runs in its own process because Jest cannot load
// ESLint's ESM config. Input on stdin: [{ "file": "workflows/dispute/src/x.ts", "code": "…" }, …]
import { rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const snippets = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const files = snippets.map(({ file }, i) =>
  path.join(process.cwd(), file.replace(/\.ts$/, `.probe-${process.pid}-${i}.ts`)),
);
for (const file of files) if (existsSync(file)) throw new Error(`refusing to overwrite ${file}`);
try {
  snippets.forEach(({ code }, i) => writeFileSync(files[i], code));
  const results = await new ESLint({ cwd: process.cwd() }).lintFiles(files);
  const byFile = new Map(results.map((r) => [r.filePath, r.messages.map((m) => m.ruleId ?? m.message)]));
  process.stdout.write(JSON.stringify(files.map((file) => byFile.get(file) ?? [])));
} finally {
  for (const file of files) rmSync(file, { force: true });
}
