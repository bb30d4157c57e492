// Lints the TypeScript files of one directory with the import-cycle rule alone and prints each finding as JSON:
// import-cycles.spec.ts runs it on a directory of its own making.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { noImportCycles } from './rules/import-cycles.mjs';

const directory = process.argv[2];
const eslint = new ESLint({
  cwd: directory,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { gongzhi: { rules: { 'no-import-cycles': noImportCycles } } },
      rules: { 'gongzhi/no-import-cycles': 'error' },
    },
  ],
});
const results = await eslint.lintFiles(['**/*.ts']);
const findings = results.flatMap((result) =>
  result.messages.map((message) => ({
    file: result.filePath.slice(directory.length + 1),
    line: message.line,
    message: message.message,
  })),
);
process.stdout.write(JSON.stringify(findings));
