import type { RGB } from 'pdf-lib';
import { lazyRequire } from '../lib/lazy-require.js';

/** pdf-lib (with its standard fonts and codecs) loads with the first PDF rendered, not at start-up. */
export const pdfLib = lazyRequire<typeof import('pdf-lib')>('pdf-lib');

/**
 * A colour as pdf-lib's `rgb()` makes it (a plain object), without loading pdf-lib at module load: the
 * layouts keep their colours as constants. pdf-lib.test.ts checks it equals `rgb()`'s.
 */
export function rgbColor(red: number, green: number, blue: number): RGB {
  return { type: 'RGB', red, green, blue } as unknown as RGB;
}
