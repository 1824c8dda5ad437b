/** The media types a document may have, recognised by their content, never by what the uploader declares. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** The largest document accepted, in bytes (10 MiB: a multi-page scanned record at office scanner settings). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** Plain text: valid UTF-8 (a BOM allowed) with no control characters but tab, line feed, form feed and carriage return. */
function isPlainText(b: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

/**
 * The media type of a document's content from its leading bytes (PDF `%PDF-`, PNG signature, JPEG SOI
 * marker, TIFF little/big-endian header), else text when the whole content is clean UTF-8 text.
 * @returns the media type, or null when the content is none of the accepted kinds
 */
export function detectMediaType(b: Uint8Array): DocumentMediaType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  return isPlainText(b) ? 'text/plain' : null;
}

/** The bare media type of a Content-Type header value (`text/plain; charset=utf-8` → `text/plain`), lowercased. */
export function declaredMediaType(header: string | undefined): string | null {
  const t = header?.split(';')[0]?.trim().toLowerCase();
  return t ? (t === 'image/jpg' ? 'image/jpeg' : t) : null;
}
