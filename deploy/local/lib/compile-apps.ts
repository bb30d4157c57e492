/**
 * Production mode for our own processes: the services, the dispute worker and the console's server compiled to
 * plain JavaScript, so they start and run without a TypeScript loader (tsx transpiles every module on load and keeps
 * its hooks in the hot path). Tests keep running from source, where a fresh edit must count without a build step.
 *
 * One bundle per process under `dist/apps/<name>/main.js`: our own code (the `@gongzhi/*` libraries included, through
 * the path aliases of tsconfig.base.json) in one file, every npm package left to Node's resolution from the root
 * `node_modules`, as it would be in a container image. The bundles sit three folders below the repository root, as
 * their sources do, so the few paths computed from `__dirname` (the default documents folder, the workflow bundle)
 * land in the same places.
 */
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { AppSpec } from '@gongzhi/testing/app-process';
import { REPO_ROOT } from './profile';

export const COMPILED_APPS_DIR = path.join(REPO_ROOT, 'dist', 'apps');

/** Where a process's compiled entry goes, relative to the repository root (the form AppSpec.entry takes). */
export function compiledEntryOf(name: string): string {
  return path.join('dist', 'apps', name, 'main.js');
}

/** npm packages stay imports: Node resolves them (native addons, Prisma's query compiler) as it would anywhere. */
const npmPackagesStayExternal: Plugin = {
  name: 'npm-packages-stay-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@gongzhi/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Compiles every spec's TypeScript entry and answers the same specs pointing at the JavaScript. One esbuild call for
 * all of them: well under a second on two cores, so `npm start` does it every time instead of guessing staleness.
 */
export async function compileApps(specs: readonly AppSpec[]): Promise<AppSpec[]> {
  const sources = specs.filter((spec) => spec.entry.endsWith('.ts'));
  if (sources.length === 0) return [...specs];
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: sources.map((spec) => ({ in: spec.entry, out: `${spec.name}/main` })),
    outdir: COMPILED_APPS_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Stack traces in the logs point at the TypeScript lines (the processes run with --enable-source-maps).
    sourcemap: true,
    tsconfig: path.join(REPO_ROOT, 'tsconfig.base.json'),
    logLevel: 'error',
    plugins: [npmPackagesStayExternal],
  });
  return specs.map((spec) => (spec.entry.endsWith('.ts') ? { ...spec, entry: compiledEntryOf(spec.name) } : spec));
}
