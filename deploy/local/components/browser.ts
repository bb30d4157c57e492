/**
 * The browser the console's journeys run in: Debian's Chromium, driven by Playwright through `executablePath`, and a
 * font with Chinese glyphs (without one every Chinese character renders as a box in the screenshots). Playwright
 * never downloads a browser of its own: there may be no internet, and Debian's build gets security updates.
 */
import fs from 'node:fs';
import { capture, runLogged, whichSync } from '../lib/exec';
import { InfraError, longStep, type Logger } from '../lib/log';
import { cacheLogFile } from '../lib/tools';

/** Where Debian installs Chromium; GONGZHI_CHROMIUM points elsewhere (another distribution, a developer's own). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-wqy-microhei'] as const;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GONGZHI_CHROMIUM ?? DEFAULT_CHROMIUM;
}

async function missingPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const name of PACKAGES) {
    const status = await capture('dpkg-query', ['-W', '-f=${Status}', name]);
    if (status.code !== 0 || !status.stdout.includes('install ok installed')) missing.push(name);
  }
  return missing;
}

/** Installs Chromium and the font with apt-get when missing (idempotent: a second call only checks). */
export async function provisionBrowser(cacheDir: string, log: Logger): Promise<string> {
  const executable = chromiumPath();
  if (process.env.GONGZHI_CHROMIUM !== undefined) {
    if (!fs.existsSync(executable)) throw new InfraError(`GONGZHI_CHROMIUM=${executable} does not exist.`);
    return executable;
  }
  if (whichSync('dpkg-query') === undefined) {
    if (fs.existsSync(executable)) return executable;
    throw new InfraError(
      `No Chromium at ${executable}: install Chromium and a font with Chinese glyphs, and point GONGZHI_CHROMIUM at it.`,
    );
  }
  const missing = await missingPackages();
  if (missing.length > 0) {
    const isRoot = process.getuid?.() === 0;
    const hint = `Install them yourself with: apt-get update && apt-get install -y ${missing.join(' ')}`;
    if (!isRoot || whichSync('apt-get') === undefined) {
      throw new InfraError(`The browser tests need Debian packages ${missing.join(', ')}. ${hint}`);
    }
    await longStep(log, 'browser', `installing ${missing.join(' and ')} with apt-get`, async () => {
      const aptLog = cacheLogFile(cacheDir, 'apt-browser');
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await runLogged('apt-get', ['update'], aptLog, hint, { env });
      await runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...missing], aptLog, hint, { env });
    });
  }
  if (!fs.existsSync(executable)) throw new InfraError(`chromium is installed but ${executable} is missing.`);
  return executable;
}
