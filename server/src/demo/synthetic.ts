import { createHash } from 'node:crypto';
import { npiCheckDigit } from '../lib/npi.js';

/** Small deterministic PRNG (mulberry32) so demo and benchmark data are the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof prng>;

// Obviously synthetic: common given names paired with invented "Test"-style family names.
export const GIVEN = ['Jonathan', 'Maria', 'Wei', 'Aisha', 'Carlos', 'Emily', 'Dmitri', 'Priya', 'Samuel', 'Fatima', 'Liam', 'Olivia', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Hiro', 'Zara', 'Kwame', 'Elena', 'Omar', 'Grace', 'Lucas', 'Nora'] as const;
export const FAMILY = ['Smith', 'Testerson', 'Sampleton', 'Demo', 'Placeholder', 'Fakeley', 'Mockwell', 'Synthia', 'Exampleton', 'Dummond', 'Protoss', 'Fixture', 'Stubbs', 'Trialson', 'Pilotti', 'Modelo'] as const;
export const LANGUAGES = ['en', 'en', 'en', 'es', 'zh-Hant', 'vi', 'ar'] as const;

/** A valid NPI built from a 9-digit base (first digit 1 or 2, as issued). */
export const syntheticNpi = (n: number) => {
  const base = String(100000000 + (n % 900000000)).padStart(9, '0');
  return `${base}${npiCheckDigit(base)}`;
};

/** A 555-01xx number: reserved for fiction in the North American Numbering Plan. */
export const syntheticPhone = (rng: Rng) => `+1${rng.pick(['212', '415', '312', '617'])}55501${String(rng.int(0, 99)).padStart(2, '0')}`;

export function syntheticDob(rng: Rng): string {
  const y = rng.int(1935, 2024);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A stable uuid (version 4 layout) derived from a practice id and a label, so the demo practice's
 * locations, providers, visit types and first patient keep the same ids on every fresh start and the
 * README's examples work as pasted. Other practices get their own ids from their own practice id.
 */
export function demoId(practiceId: string, label: string): string {
  const h = createHash('sha256').update(`${practiceId}:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
