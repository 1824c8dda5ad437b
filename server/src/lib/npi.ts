/**
 * NPI check: 10 digits whose last digit is the Luhn check digit of the first nine prefixed with 80840
 * (the ISO card issuer prefix for US health identifiers).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  return npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** The Luhn check digit for a 9-digit NPI base. */
export function npiCheckDigit(base9: string): number {
  const digits = `80840${base9}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
