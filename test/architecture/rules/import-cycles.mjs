// A lint rule against import cycles that counts type-only imports too. import-x/no-cycle skips `import type` (it has
// no runtime effect), but a cycle of types still means two modules cannot be understood, moved or tested apart — the
// reason we forbid cycles at all. The rule reads every TypeScript file of the workspace once per lint run, builds the
// graph of relative imports (between packages Nx already forbids cycles), and reports each import of a file that
// leads back to it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'generated', 'coverage', '.data', '.nx', '.git']);
const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The relative module specifiers a file imports or re-exports, types included (dynamic imports are left out). */
export function relativeImportsOf(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers = [];
  for (const statement of source.statements) {
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
        ? statement.moduleSpecifier
        : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) specifiers.push(specifier.text);
  }
  return specifiers;
}

/** The file a relative specifier names, among the known files, or undefined (a JSON file, a missing one). */
export function resolveRelative(fromFile, specifier, knownFiles) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const suffix of CANDIDATE_SUFFIXES) {
    if (knownFiles.has(base + suffix)) return base + suffix;
  }
  return undefined;
}

/** Every file's imports of other files, from `read(file)` for each of `files` (absolute paths). */
export function importGraph(files, read) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const targets = new Set();
    for (const specifier of relativeImportsOf(file, read(file))) {
      const target = resolveRelative(file, specifier, known);
      if (target !== undefined && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The shortest chain of imports from `from` to `to` (both included), or undefined when there is none. */
export function shortestChain(graph, from, to) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === to) {
      const chain = [];
      for (let at = to; at !== undefined; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const next of graph.get(file) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function workspaceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (SKIPPED_DIRECTORIES.has(name)) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(root);
  return files;
}

/** One graph per workspace root and lint run: every file's check reads the same graph. */
const graphs = new Map();
function graphOf(root) {
  if (!graphs.has(root))
    graphs.set(
      root,
      importGraph(workspaceFiles(root), (file) => readFileSync(file, 'utf8')),
    );
  return graphs.get(root);
}

export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle (type-only imports count): {{chain}}' },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    return {
      'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration'(node) {
        const specifier = node.source?.value;
        if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
        const graph = graphOf(root);
        if (!graph.has(file)) return;
        const target = resolveRelative(file, specifier, graph);
        if (target === undefined || target === file) return;
        const back = shortestChain(graph, target, file);
        if (back === undefined) return;
        const chain = [file, ...back].map((each) => path.relative(root, each)).join(' → ');
        context.report({ node: node.source, messageId: 'cycle', data: { chain } });
      },
    };
  },
};
