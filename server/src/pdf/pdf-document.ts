import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { pdfLib, rgbColor } from './pdf-lib.js';

/** US Letter in points (8.5 × 11 in). */
const PAGE = { width: 612, height: 792, margin: 48 };
const GREY = rgbColor(0.45, 0.45, 0.45);
const RULE = rgbColor(0.75, 0.75, 0.75);
const SHADE = rgbColor(0.93, 0.94, 0.96);
const BLACK = rgbColor(0, 0, 0);

/** A label and its value, printed as a small grey label over the value. */
export interface Field {
  label: string;
  value: string;
}

export interface TableColumn {
  header: string;
  /** Share of the usable width (the shares of a table add up to 1). */
  width: number;
  align?: 'left' | 'right';
}

/** What a document is made of, top to bottom. Plain data: modules never touch pdf-lib. */
export type Block =
  | { kind: 'title'; text: string; subtitle?: string }
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; columns: Field[][] }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; totals?: Field[] }
  | { kind: 'text'; text: string };

export interface DocumentSpec {
  title: string;
  blocks: Block[];
  /** Printed at the bottom of every page with the page number. */
  footer: string;
}

/** Renders plain-data blocks to a PDF (US Letter, Helvetica, text extractable). */
export async function renderPdf(spec: DocumentSpec): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = pdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setProducer('medoffice');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, regular, bold);
  for (const block of spec.blocks) w.block(block);
  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    p.drawText(clean(regular, `${spec.footer}   ·   Page ${i + 1} of ${pages.length}`), { x: PAGE.margin, y: 28, size: 8, font: regular, color: GREY });
  }
  return doc.save();
}

/** Replaces characters the standard fonts cannot encode (WinAnsi), so any name renders. */
export function clean(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((ch) => (supported.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** Cuts text to fit a width, ending with "…" when cut. */
export function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1);
  return `${t}...`;
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly width = PAGE.width - 2 * PAGE.margin;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  private ensure(height: number): void {
    if (this.y - height < PAGE.margin + 16) this.newPage();
  }

  private text(text: string, x: number, size: number, opts: { bold?: boolean; color?: RGB; width?: number; align?: 'left' | 'right' } = {}): void {
    const font = opts.bold ? this.bold : this.font;
    const t = fit(font, clean(font, text), size, opts.width ?? this.width);
    const dx = opts.align === 'right' && opts.width ? opts.width - font.widthOfTextAtSize(t, size) : 0;
    this.page.drawText(t, { x: x + dx, y: this.y, size, font, color: opts.color ?? BLACK });
  }

  block(b: Block): void {
    if (b.kind === 'title') {
      this.ensure(40);
      this.y -= 16;
      this.text(b.text, PAGE.margin, 18, { bold: true });
      if (b.subtitle) {
        this.y -= 16;
        this.text(b.subtitle, PAGE.margin, 10, { color: GREY });
      }
      this.y -= 14;
    } else if (b.kind === 'heading') {
      this.ensure(30);
      this.y -= 14;
      this.text(b.text.toUpperCase(), PAGE.margin, 9, { bold: true, color: GREY });
      this.y -= 5;
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.margin + this.width, y: this.y }, thickness: 0.5, color: RULE });
      this.y -= 4;
    } else if (b.kind === 'fields') this.fields(b.columns);
    else if (b.kind === 'table') this.table(b.columns, b.rows, b.totals ?? []);
    else {
      this.ensure(16);
      this.y -= 12;
      this.text(b.text, PAGE.margin, 9);
    }
  }

  private fields(columns: Field[][]): void {
    const colWidth = this.width / columns.length;
    const rows = Math.max(...columns.map((c) => c.length));
    for (let r = 0; r < rows; r++) {
      this.ensure(26);
      const top = this.y;
      columns.forEach((col, c) => {
        const f = col[r];
        if (!f) return;
        const x = PAGE.margin + c * colWidth;
        this.y = top - 10;
        this.text(f.label, x, 7, { color: GREY, width: colWidth - 8 });
        this.y = top - 21;
        this.text(f.value || '-', x, 10, { width: colWidth - 8 });
      });
      this.y = top - 26;
    }
  }

  private table(columns: TableColumn[], rows: string[][], totals: Field[]): void {
    // Left edge of each column.
    const lefts: number[] = [];
    let x = PAGE.margin;
    for (const c of columns) {
      lefts.push(x);
      x += c.width * this.width;
    }
    const cells = (values: string[], size: number, bold: boolean) => {
      for (const [i, c] of columns.entries()) this.text(values[i] ?? '', lefts[i]! + 3, size, { bold, width: c.width * this.width - 6, align: c.align });
    };
    const header = () => {
      this.ensure(20);
      this.page.drawRectangle({ x: PAGE.margin, y: this.y - 16, width: this.width, height: 16, color: SHADE });
      this.y -= 11;
      cells(columns.map((c) => c.header), 8, true);
      this.y -= 5;
    };
    header();
    for (const row of rows) {
      if (this.y - 16 < PAGE.margin + 16) {
        this.newPage();
        header();
      }
      this.y -= 12;
      cells(row, 9, false);
      this.y -= 4;
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.margin + this.width, y: this.y }, thickness: 0.3, color: RULE });
    }
    for (const t of totals) {
      this.ensure(16);
      this.y -= 14;
      const labelX = PAGE.margin + this.width * 0.55;
      this.text(t.label, labelX, 10, { bold: true, width: this.width * 0.25 });
      this.text(t.value, labelX + this.width * 0.25, 10, { bold: true, width: this.width * 0.2 - 3, align: 'right' });
    }
    this.y -= 6;
  }
}
