import type { PDFFont } from 'pdf-lib';
import { pdfLib, rgbColor } from './pdf-lib.js';
import { clean, fit } from './pdf-document.js';

/**
 * Fixed-position forms (the CMS-1500): a page is a list of marks placed at exact coordinates, in PDF
 * points from the bottom-left corner of a US Letter page. Plain data: modules never touch pdf-lib.
 *
 * The form itself (rules, shading, captions) is drawn in the form colour, a dark red like the printed
 * OCR form; what is filled in is drawn in black Courier, the typewriter face payers' scanners expect.
 */
export type FormFont = 'caption' | 'captionBold' | 'value' | 'title';

export type FormMark =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; shade?: boolean; stroke?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; thickness?: number; dashed?: boolean }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      font: FormFont;
      /** Cut to this width ("..." when cut). */
      width?: number;
      /** 'right': `x` is the right edge. */
      align?: 'left' | 'right';
      /** Reads bottom to top (margin labels). */
      vertical?: boolean;
    };

export interface FormSpec {
  title: string;
  pages: FormMark[][];
}

export const FORM_PAGE = { width: 612, height: 792 } as const;

const FORM_INK = rgbColor(0.72, 0.12, 0.12);
const FORM_SHADE = rgbColor(0.99, 0.9, 0.9);
const VALUE_INK = rgbColor(0, 0, 0);

/** Renders fixed-position pages (US Letter; Helvetica captions, Courier values; text extractable). */
export async function renderFormPdf(spec: FormSpec): Promise<Uint8Array> {
  const { degrees, PDFDocument, StandardFonts } = pdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setProducer('medoffice');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const fonts: Record<FormFont, PDFFont> = {
    caption: await doc.embedFont(StandardFonts.Helvetica),
    captionBold: await doc.embedFont(StandardFonts.HelveticaBold),
    title: await doc.embedFont(StandardFonts.HelveticaBold),
    value: await doc.embedFont(StandardFonts.Courier),
  };
  for (const marks of spec.pages) {
    const page = doc.addPage([FORM_PAGE.width, FORM_PAGE.height]);
    for (const m of marks) {
      if (m.kind === 'rect') {
        page.drawRectangle({
          x: m.x,
          y: m.y,
          width: m.w,
          height: m.h,
          color: m.shade ? FORM_SHADE : undefined,
          borderColor: m.stroke ? FORM_INK : undefined,
          borderWidth: m.stroke ?? 0,
        });
      } else if (m.kind === 'line') {
        page.drawLine({
          start: { x: m.x1, y: m.y1 },
          end: { x: m.x2, y: m.y2 },
          thickness: m.thickness ?? 0.5,
          color: FORM_INK,
          dashArray: m.dashed ? [1, 1.5] : undefined,
        });
      } else {
        const font = fonts[m.font];
        const cleaned = clean(font, m.text);
        const text = m.width === undefined ? cleaned : fit(font, cleaned, m.size, m.width);
        const x = m.align === 'right' ? m.x - font.widthOfTextAtSize(text, m.size) : m.x;
        page.drawText(text, {
          x,
          y: m.y,
          size: m.size,
          font,
          color: m.font === 'value' ? VALUE_INK : FORM_INK,
          rotate: m.vertical ? degrees(90) : undefined,
        });
      }
    }
  }
  return doc.save();
}
