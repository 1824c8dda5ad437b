import { type FormMark, renderFormPdf } from '../../pdf/pdf-form.js';
import type { ClaimSnapshot } from './claim-snapshot.js';
import { type Cms1500Page, cms1500Pages } from './cms1500-content.js';
import {
  BOXES,
  CAPTION_SIZE,
  CHECKS,
  COPY_MARKER,
  DIVIDERS,
  FIELDS,
  FOOTER,
  FORM_LEFT,
  FORM_RIGHT,
  fromTop,
  LINE_COLUMNS,
  LINE_HALF,
  LINE_PREPRINTED_QUALIFIER,
  LINES_PER_PAGE,
  lineCell,
  lineShadedCell,
  lineTop,
  MARGIN_LABELS,
  MARKER_SIZE,
  NOTES,
  PAGE_MARKER,
  type Rect,
  SUBTITLE,
  TITLE,
  VALUE_SIZE,
} from './cms1500-layout.js';

export interface Cms1500Options {
  /** The pages for the payer (default true). */
  payerCopy?: boolean;
  /** A second set of the same pages marked "PATIENT COPY" (default false). */
  patientCopy?: boolean;
  /** Date of box 31 (the UTC calendar day of this instant); defaults to now. */
  generatedAt?: Date;
}

const rectMark = (r: Rect, extra: { shade?: boolean; stroke?: number }): FormMark => ({ kind: 'rect', ...r, ...extra });
const caption = (x: number, top: number, text: string, size = CAPTION_SIZE, bold = false): FormMark => ({
  kind: 'text',
  x,
  y: fromTop(top),
  text,
  size,
  font: bold ? 'captionBold' : 'caption',
});

/** The blank form: boxes, shading, captions, check boxes, the grid of box 24 (the same on every page). */
function blankForm(): FormMark[] {
  const marks: FormMark[] = [];
  // Shading first, rules and words on top of it.
  for (const b of Object.values(BOXES)) if ('shaded' in b && b.shaded) marks.push(rectMark(b.rect, { shade: true }));
  for (let i = 0; i < LINES_PER_PAGE; i++) {
    const top = lineShadedCell(i, 'fromMm');
    marks.push(rectMark({ x: FORM_LEFT, y: top.y, w: FORM_RIGHT - FORM_LEFT, h: LINE_HALF }, { shade: true }));
  }
  for (const [id, b] of Object.entries(BOXES)) {
    if (!('open' in b && b.open)) marks.push(rectMark(b.rect, { stroke: 0.6 }));
    const topOfBox = fromTop(b.rect.y + b.rect.h);
    b.caption.forEach((line, i) => {
      const bold = id === '12' && i === 0;
      marks.push(caption(bold ? b.rect.x + 60 : b.rect.x + 2, topOfBox + 6.5 + i * 6, line, bold ? 6 : CAPTION_SIZE, bold));
    });
  }
  for (const d of DIVIDERS) marks.push({ kind: 'line', x1: d.x1, y1: fromTop(d.top1), x2: d.x2, y2: fromTop(d.top2), dashed: d.dashed });
  for (const n of NOTES) marks.push(caption(n.x, n.top, n.text, n.size ?? CAPTION_SIZE, n.bold));
  for (const c of Object.values(CHECKS)) {
    marks.push(rectMark(c.rect, { stroke: 0.5 }));
    c.label.forEach((line, i) => {
      if ('labelLeft' in c && c.labelLeft) marks.push({ kind: 'text', x: c.rect.x - 1.5, y: c.rect.y + 1.5, text: line, size: 5, font: 'caption', align: 'right' });
      else marks.push({ kind: 'text', x: c.rect.x + 9, y: c.rect.y + 1.5 - i * 6, text: line, size: 5, font: 'caption' });
    });
  }
  // Box 24: column headers, column rules, line numbers, the preprinted NPI qualifier.
  const headerTop = lineTop(0) - 24;
  const linesBottom = lineCell(LINES_PER_PAGE - 1, 'fromMm').y;
  for (const c of Object.values(LINE_COLUMNS)) {
    c.header.forEach((h, i) => {
      if (h) marks.push(caption(c.x + 2, headerTop + 6.5 + i * 6.5, h, 5));
    });
    if (c.x > FORM_LEFT) {
      const dashed = c === LINE_COLUMNS.chargeCents || c === LINE_COLUMNS.fromDd || c === LINE_COLUMNS.fromYy || c === LINE_COLUMNS.toDd || c === LINE_COLUMNS.toYy;
      marks.push({ kind: 'line', x1: c.x, y1: fromTop(headerTop + 14.5), x2: c.x, y2: linesBottom, dashed });
    }
  }
  marks.push({ kind: 'line', x1: FORM_LEFT, y1: fromTop(lineTop(0)), x2: FORM_RIGHT, y2: fromTop(lineTop(0)), thickness: 0.6 });
  for (let i = 0; i < LINES_PER_PAGE; i++) {
    const cell = lineCell(i, 'qualifier');
    marks.push({ kind: 'line', x1: FORM_LEFT, y1: cell.y, x2: FORM_RIGHT, y2: cell.y, thickness: 0.6 });
    marks.push({ kind: 'text', x: FORM_LEFT - 9, y: cell.y + 3, text: String(i + 1), size: 7, font: 'captionBold' });
    marks.push(caption(cell.x + 4, fromTop(cell.y + 3), LINE_PREPRINTED_QUALIFIER, 5));
  }
  // Around the form.
  marks.push({ kind: 'text', x: TITLE.x, y: fromTop(TITLE.top), text: TITLE.text, size: TITLE.size, font: 'title' });
  marks.push(caption(SUBTITLE.x, SUBTITLE.top, SUBTITLE.text, 5));
  marks.push(caption(FORM_LEFT, FOOTER.top, FOOTER.left, 5));
  marks.push(caption(250, FOOTER.top, FOOTER.center, 6, true));
  marks.push({ kind: 'text', x: FORM_RIGHT, y: fromTop(FOOTER.top), text: FOOTER.right, size: 5, font: 'caption', align: 'right' });
  for (const m of MARGIN_LABELS) marks.push({ kind: 'text', x: m.x, y: fromTop(m.top), text: m.text, size: 5, font: 'captionBold', vertical: true });
  return marks;
}

const value = (x: number, y: number, text: string, width: number, align?: 'right'): FormMark => ({
  kind: 'text',
  x,
  y,
  text,
  size: VALUE_SIZE,
  font: 'value',
  width,
  align,
});

/** What one page says: fields, X in the check boxes, the service lines. */
function filledIn(page: Cms1500Page): FormMark[] {
  const marks: FormMark[] = [];
  for (const [id, text] of Object.entries(page.fields)) {
    if (!text) continue;
    const f = FIELDS[id as keyof typeof FIELDS];
    marks.push(value(f.x, f.y, text, f.w, 'align' in f ? f.align : undefined));
  }
  for (const id of page.checks) {
    const r = CHECKS[id].rect;
    marks.push(value(r.x + 0.9, r.y + 0.9, 'X', r.w));
  }
  page.lines.forEach((line, i) => {
    for (const [half, cells] of [
      ['unshaded', line.cells],
      ['shaded', line.shaded],
    ] as const) {
      for (const [column, text] of Object.entries(cells)) {
        if (!text) continue;
        const id = column as keyof typeof LINE_COLUMNS;
        const cell = half === 'unshaded' ? lineCell(i, id) : lineShadedCell(i, id);
        const c = LINE_COLUMNS[id];
        const right = 'align' in c && c.align === 'right';
        marks.push(value(right ? cell.x + cell.w - c.pad : cell.x + c.pad, cell.y + 3, text, cell.w - c.pad - 1, right ? 'right' : undefined));
      }
    }
  });
  if (page.pageCount > 1) {
    marks.push({ kind: 'text', x: PAGE_MARKER.x, y: fromTop(PAGE_MARKER.top), text: `PAGE ${page.pageNumber} OF ${page.pageCount}`, size: MARKER_SIZE, font: 'value', align: 'right' });
  }
  return marks;
}

/**
 * The claim on the CMS-1500 (02/12) paper form, drawn (rules, captions, shading) and filled in: US
 * Letter, one page per six service lines, text extractable. With `patientCopy` the document also holds
 * the same pages marked "PATIENT COPY" (after the payer's, or alone with `payerCopy: false`).
 */
export async function renderCms1500(claim: ClaimSnapshot, options: Cms1500Options = {}): Promise<Uint8Array> {
  const payerCopy = options.payerCopy ?? true;
  const patientCopy = options.patientCopy ?? false;
  if (!payerCopy && !patientCopy) throw new RangeError('renderCms1500: ask for the payer copy, the patient copy or both');
  const pages = cms1500Pages(claim, options.generatedAt ?? new Date());
  const form = blankForm();
  const sheets = pages.map((p) => [...form, ...filledIn(p)]);
  const copyLabel: FormMark = { kind: 'text', x: COPY_MARKER.x, y: fromTop(COPY_MARKER.top), text: 'PATIENT COPY', size: MARKER_SIZE, font: 'value' };
  return renderFormPdf({
    title: `CMS-1500 claim ${claim.patientAccountNumber}`,
    pages: [...(payerCopy ? sheets : []), ...(patientCopy ? sheets.map((s) => [...s, copyLabel]) : [])],
  });
}
