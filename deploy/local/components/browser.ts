/**
 * The browser the console's journeys run in: Debian's Chromium, driven by Playwright through `executablePath`, and a
 * font with Chinese glyphs (without one every Chinese character renders as a box in the screenshots). Playwright
 * never downloads a browser of its own: there may be no internet, and Debian's build gets security updates.
 */
import fs from 'node:fs';
import { InfraError, type Logger } from '../lib/log';
import { ensureDebianPackages, hasDpkg } from './debian-packages';
import { CHINESE_FONT_PACKAGE } from './fonts';

/** Where Debian installs Chromium; GONGZHI_CHROMIUM points elsewhere (another distribution, a developer's own). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', CHINESE_FONT_PACKAGE] as const;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GONGZHI_CHROMIUM ?? DEFAULT_CHROMIUM;
}

/** Installs Chromium and the font with apt-get when missing (idempotent: a second call only checks). */
export async function provisionBrowser(cacheDir: string, log: Logger): Promise<string> {
  const executable = chromiumPath();
  if (process.env.GONGZHI_CHROMIUM !== undefined) {
    if (!fs.existsSync(executable)) throw new InfraError(`GONGZHI_CHROMIUM=${executable} does not exist.`);
    return executable;
  }
  if (!hasDpkg()) {
    if (fs.existsSync(executable)) return executable;
    throw new InfraError(
      `No Chromium at ${executable}: install Chromium and a font with Chinese glyphs, and point GONGZHI_CHROMIUM at it.`,
    );
  }
  await ensureDebianPackages(PACKAGES, { component: 'browser', purpose: 'The browser tests', cacheDir, log });
  if (!fs.existsSync(executable)) throw new InfraError(`chromium is installed but ${executable} is missing.`);
  return executable;
}
