import { describe, expect, it } from 'vitest';
import { declaredMediaType, detectMediaType } from './document-media.js';

const b = (...v: number[]) => new Uint8Array(v);
const t = (s: string) => new TextEncoder().encode(s);

describe('detectMediaType', () => {
  it('recognises each accepted kind by its signature', () => {
    expect(detectMediaType(t('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectMediaType(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(detectMediaType(b(0xff, 0xd8, 0xff, 0xe0, 0))).toBe('image/jpeg');
    expect(detectMediaType(b(0x49, 0x49, 0x2a, 0x00, 8))).toBe('image/tiff');
    expect(detectMediaType(b(0x4d, 0x4d, 0x00, 0x2a, 0))).toBe('image/tiff');
    expect(detectMediaType(t('Referral note\r\n\tline two — é\f'))).toBe('text/plain');
  });

  it('refuses what is none of them: executables, archives, truncated signatures, binary or invalid UTF-8 text', () => {
    expect(detectMediaType(t('MZ\x90\x00'))).toBeNull();
    expect(detectMediaType(b(0x50, 0x4b, 0x03, 0x04, 0x14))).toBeNull();
    expect(detectMediaType(b(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(detectMediaType(t('%PDF'))).toBe('text/plain'); // no dash: not a PDF header, but it is clean text
    expect(detectMediaType(b(0x68, 0x69, 0x00))).toBeNull();
    expect(detectMediaType(b(0x68, 0xc3, 0x28))).toBeNull();
    expect(detectMediaType(t('<svg onload=x>\u001b[0m'))).toBeNull();
  });

  it('reads the declared type without parameters', () => {
    expect(declaredMediaType('Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(declaredMediaType('image/jpg')).toBe('image/jpeg');
    expect(declaredMediaType(undefined)).toBeNull();
  });
});
