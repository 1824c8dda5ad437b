import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js reads the metrics of the 14 standard fonts (Helvetica…) from files shipped with it.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/**
 * The text of each page of a PDF, as a reader would extract it (pdf.js), items joined by spaces.
 * Proves a PDF's text is really there and selectable, not drawn as shapes.
 */
export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return pages;
}

/** One run of text as pdf.js extracts it, where it was drawn: PDF points from the bottom-left corner. */
export interface PdfTextItem {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

/** The text items of each page with their positions, to check that a value landed where it belongs. */
export async function pdfPagesItems(bytes: Uint8Array): Promise<PdfTextItem[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl }).promise;
  const pages: PdfTextItem[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const items: PdfTextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b, , d, e, f] = item.transform as number[];
      items.push({ text: item.str, x: e!, y: f!, size: Math.round(Math.hypot(a!, b!) * 100) / 100 || Math.abs(d!) });
    }
    pages.push(items);
  }
  await doc.destroy();
  return pages;
}
