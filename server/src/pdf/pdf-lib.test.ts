import { describe, expect, it } from 'vitest';
import { pdfLib, rgbColor } from './pdf-lib.js';

describe('pdf-lib loaded on first use', () => {
  it('makes the same colour object as pdf-lib rgb()', () => {
    expect(rgbColor(0.72, 0.12, 0.5)).toEqual(pdfLib().rgb(0.72, 0.12, 0.5));
  });

  it('loads the package once', () => {
    expect(pdfLib()).toBe(pdfLib());
  });
});
