/**
 * Sets a document model (generated-document-layout.ts) in type as an A4 PDF with PDFKit, embedding the configured
 * font as a subset: only the glyphs the document uses travel with it, so a reader needs no Chinese font of their own
 * and the file stays small. The model holds personal data; nothing of it is logged, and the PDF's metadata carries
 * the title only.
 */
import { readFile } from 'node:fs/promises';
import { DOCUMENT_GENERATION_PROBLEMS } from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import PDFDocument from 'pdfkit';
import type { DocumentBlock, DocumentModel } from './generated-document-layout';

/** The font file is missing, unreadable or not a font PDFKit can embed: the server's fault, not the caller's. */
export class DocumentFontUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(503, DOCUMENT_GENERATION_PROBLEMS.fontUnavailable, 'The document font is unavailable', {
      detail:
        'The server cannot write documents right now: the font they embed is missing or unreadable (an operator sets CASE_DOCUMENT_FONT_FILE, or installs fonts-wqy-microhei). Nothing was stored; try again later.',
      cause,
    });
  }
}

export interface PdfRenderer {
  /** Loads and checks the font (once; a failure is tried again next time): 503 DocumentFontUnavailableError. */
  ensureFont(): Promise<void>;
  render(model: DocumentModel): Promise<Buffer>;
}

export interface PdfRendererOptions {
  /** A TrueType font, or a TrueType collection holding WenQuanYi Micro Hei (Debian's wqy-microhei.ttc). */
  fontFile: string;
}

/** The face PDFKit takes from a collection: its PostScript name (wqy-microhei.ttc also holds a monospaced face). */
const COLLECTION_FACE = 'WenQuanYiMicroHei';
const FONT = 'body';

const A4_MARGINS = { top: 72, bottom: 72, left: 78, right: 78 };
const SIZES = { title: 22, reference: 10, heading: 13, body: 12, footer: 9 } as const;
/** Space between lines of a paragraph, and a paragraph's first-line indent (two characters). */
const LINE_GAP = 5;
const INDENT = SIZES.body * 2;
/** Space above each signature line, to sign in. */
const SIGNATURE_GAP = 14;

const isCollection = (bytes: Buffer) => bytes.subarray(0, 4).toString('latin1') === 'ttcf';

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  let font: { bytes: Buffer; face: string | undefined } | undefined;

  async function loadFont(): Promise<{ bytes: Buffer; face: string | undefined }> {
    if (font) return font;
    let bytes: Buffer;
    try {
      bytes = await readFile(options.fontFile);
    } catch (error) {
      throw new DocumentFontUnavailableError(error);
    }
    const loaded = { bytes, face: isCollection(bytes) ? COLLECTION_FACE : undefined };
    // Opened once in a throwaway document, so a file that is not a usable font fails here, before anyone's data is
    // read for a document that could not be written.
    try {
      const probe = new PDFDocument({ autoFirstPage: false });
      probe.registerFont(FONT, loaded.bytes, loaded.face);
      probe.font(FONT);
    } catch (error) {
      throw new DocumentFontUnavailableError(error);
    }
    font = loaded;
    return loaded;
  }

  return {
    async ensureFont() {
      await loadFont();
    },

    async render(model) {
      const { bytes, face } = await loadFont();
      const doc = new PDFDocument({
        size: 'A4',
        margins: A4_MARGINS,
        bufferPages: true,
        lang: 'zh-CN',
        displayTitle: true,
        pdfVersion: '1.7',
        // The title only: the parties' names stay in the page text, where the document's readers are audited.
        info: { Title: model.title, Creator: 'Gongzhi case-service', Producer: 'Gongzhi case-service' },
      });
      const chunks: Buffer[] = [];
      const done = new Promise<Buffer>((resolve, reject) => {
        doc.on('data', (chunk: Buffer) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
      });
      doc.registerFont(FONT, bytes, face);
      doc.font(FONT);
      for (const block of model.blocks) drawBlock(doc, block);
      numberPages(doc);
      doc.end();
      return done;
    },
  };
}

function drawBlock(doc: PDFKit.PDFDocument, block: DocumentBlock): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  switch (block.kind) {
    case 'title':
      doc
        .fontSize(SIZES.title)
        .lineWidth(0.5)
        .text(block.text, left, doc.y, { width, align: 'center', characterSpacing: 6, fill: true, stroke: true });
      doc.moveDown(0.6);
      return;
    case 'reference':
      doc.fontSize(SIZES.reference).text(block.text, left, doc.y, { width, align: 'right' });
      doc.moveDown(0.8);
      return;
    case 'heading':
      doc.moveDown(0.4);
      // The font has no bold face: a thin outline over the fill sets headings apart.
      doc.fontSize(SIZES.heading).lineWidth(0.3).text(block.text, left, doc.y, { width, fill: true, stroke: true });
      doc.moveDown(0.2);
      return;
    case 'paragraph':
      doc.fontSize(SIZES.body).text(block.text, left, doc.y, {
        width,
        lineGap: LINE_GAP,
        indent: block.indent ? INDENT : 0,
        paragraphGap: 2,
      });
      return;
    case 'signature':
      drawSignature(doc, block, left, width);
      return;
  }
}

/**
 * `申请人一：张三` on a line of its own when the name is known, then `（签名、盖章或按指印）` with a rule to sign on
 * and the date at the right margin; never split across pages, so nobody signs a page that holds none of the text.
 */
function drawSignature(
  doc: PDFKit.PDFDocument,
  block: Extract<DocumentBlock, { kind: 'signature' }>,
  left: number,
  width: number,
): void {
  doc.fontSize(SIZES.body);
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;
  const needed = SIGNATURE_GAP + lineHeight * (block.name ? 2 : 1);
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  let y = doc.y + SIGNATURE_GAP;
  if (block.name) {
    doc.text(`${block.signer}：${block.name}`, left, y, { width, lineBreak: false, ellipsis: true });
    y += lineHeight;
  }
  const how = block.name ? `（${block.mark}）` : `${block.signer}（${block.mark}）`;
  const date = `日期：${block.date}`;
  const dateWidth = doc.widthOfString(date);
  doc.text(how, left, y, { lineBreak: false });
  doc.text(date, left + width - dateWidth, y, { lineBreak: false });
  const ruleFrom = left + doc.widthOfString(how) + 4;
  const ruleTo = left + width - dateWidth - SIZES.body * 2;
  const baseline = y + SIZES.body + 2;
  doc.moveTo(ruleFrom, baseline).lineTo(ruleTo, baseline).lineWidth(0.6).stroke();
  doc.x = left;
  doc.y = y + lineHeight;
}

/** 第 n 页 共 m 页 at the foot of every page, so a page taken out of a signed document shows. */
function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would make PDFKit start a new page: lift the margin while the footer is set.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc
      .fontSize(SIZES.footer)
      .text(`第 ${index + 1} 页 共 ${range.count} 页`, doc.page.margins.left, doc.page.height - bottom / 2, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
