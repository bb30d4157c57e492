/**
 * The Chinese font case-service embeds in the PDFs it generates (the mediation agreement, the application for
 * judicial confirmation), and the console's screenshots render with: Debian's WenQuanYi Micro Hei.
 */
import fs from 'node:fs';
import { InfraError, type Logger } from '../lib/log';
import { ensureDebianPackages, hasDpkg } from './debian-packages';

export const CHINESE_FONT_PACKAGE = 'fonts-wqy-microhei';
/** Where the package puts the font; CASE_DOCUMENT_FONT_FILE points case-service elsewhere. */
export const CHINESE_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Installs the font when missing; on a machine without dpkg, the file must already be there. */
export async function provisionChineseFont(cacheDir: string, log: Logger): Promise<string> {
  const file = process.env.CASE_DOCUMENT_FONT_FILE ?? CHINESE_FONT_FILE;
  if (process.env.CASE_DOCUMENT_FONT_FILE === undefined && hasDpkg()) {
    await ensureDebianPackages([CHINESE_FONT_PACKAGE], {
      component: 'font',
      purpose: 'The documents case-service generates',
      cacheDir,
      log,
    });
  }
  if (!fs.existsSync(file)) {
    throw new InfraError(
      `No Chinese font at ${file}: install ${CHINESE_FONT_PACKAGE}, or point CASE_DOCUMENT_FONT_FILE at a TrueType font ` +
        'with Chinese glyphs.',
    );
  }
  return file;
}
