/**
 * X12 decimal (R type, e.g. "10", "10.5", "1500.00", "-3.25") → integer cents, without floating point.
 * @returns null for an empty or malformed value
 */
export function decimalToCents(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m || (!m[2] && !m[3])) return null;
  const frac = (m[3] ?? '').padEnd(2, '0');
  // Amounts finer than a cent are rounded half up on the third decimal.
  const cents = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2] ?? '0') >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

/** Integer cents → X12 decimal with two places ("1500.00"). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Integer cents → the shortest X12 decimal (R type: no trailing zeros after the point, no point for
 * whole amounts): 1500 → "15", 1250 → "12.5", 1234 → "12.34". What the product writes in 837P/276.
 */
export function centsToAmount(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError('amounts are integer cents');
  return centsToDecimal(cents).replace(/\.?0+$/, '');
}
