/**
 * Debian packages the stack needs beside what it builds itself (the browser for the console's journeys, the Chinese
 * font case-service embeds in the documents it generates): installed with apt-get when missing and when we are root,
 * otherwise named in an error that says how to install them.
 */
import { capture, runLogged, whichSync } from '../lib/exec';
import { InfraError, longStep, type Logger } from '../lib/log';
import { cacheLogFile } from '../lib/tools';

async function missingPackages(packages: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of packages) {
    const status = await capture('dpkg-query', ['-W', '-f=${Status}', name]);
    if (status.code !== 0 || !status.stdout.includes('install ok installed')) missing.push(name);
  }
  return missing;
}

/**
 * Installs the packages that are missing (idempotent: a second call only checks). `purpose` finishes the sentence
 * "… need Debian packages"; `component` names the step in the progress output and the apt log in the cache.
 */
export async function ensureDebianPackages(
  packages: readonly string[],
  spec: { component: string; purpose: string; cacheDir: string; log: Logger },
): Promise<void> {
  const missing = await missingPackages(packages);
  if (missing.length === 0) return;
  const hint = `Install them yourself with: apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0 || whichSync('apt-get') === undefined) {
    throw new InfraError(`${spec.purpose} need Debian packages ${missing.join(', ')}. ${hint}`);
  }
  await longStep(spec.log, spec.component, `installing ${missing.join(' and ')} with apt-get`, async () => {
    const aptLog = cacheLogFile(spec.cacheDir, `apt-${spec.component}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await runLogged('apt-get', ['update'], aptLog, hint, { env });
    await runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...missing], aptLog, hint, { env });
  });
}

/** Whether this machine manages packages with dpkg (Debian and its derivatives). */
export function hasDpkg(): boolean {
  return whichSync('dpkg-query') !== undefined;
}
