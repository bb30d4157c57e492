/**
 * Reads a PDF back the way a reader's viewer does, with Mozilla's PDF.js (pdfjs-dist, legacy build for Node): the
 * text of every page and the fonts that text is set in. PDF.js ships as ES modules only, which Jest's CommonJS
 * runtime cannot import, so it runs in a child Node process fed the bytes on stdin. For integration tests only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Run as an ES module from the repository root, where `pdfjs-dist` resolves. */
const EXTRACT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({
  data: new Uint8Array(Buffer.concat(chunks)),
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
}).promise;
const pages = [];
const fonts = new Map();
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join(''));
  // Loading the operator list loads the fonts, whose names and files the page's objects then hold.
  await page.getOperatorList();
  for (const id of Object.keys(content.styles)) {
    const font = page.commonObjs.get(id);
    fonts.set(font.name, { name: font.name, embedded: font.missingFile === false });
  }
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, fonts: [...fonts.values()], title: info.Title ?? null }));
`;

export interface PdfText {
  /** Each page's text as PDF.js extracts it. */
  pages: string[];
  /** All pages' text without any whitespace: a wrapped line cannot hide a name or a number from a search. */
  compact: string;
  /** The fonts the text is set in: their names (`ABCDEF+Name` for a subset) and whether the file carries them. */
  fonts: { name: string; embedded: boolean }[];
  title: string | null;
}

/** Removes whitespace, as `compact` has it removed. */
export const compact = (text: string) => text.replace(/\s+/g, '');

export async function extractPdfText(bytes: Buffer): Promise<PdfText> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', EXTRACT], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(bytes);
  const code = await exited;
  if (code !== 0) throw new Error(`PDF.js could not read the PDF (exit ${code}): ${Buffer.concat(err).toString()}`);
  const parsed = JSON.parse(Buffer.concat(out).toString('utf8')) as Omit<PdfText, 'compact'>;
  return { ...parsed, compact: compact(parsed.pages.join('')) };
}
