import { expect, it } from 'vitest';
import { formatUsd } from './money.js';

it('formats cents as dollars with thousands separators', () => {
  expect([0, 5, 100, 123456, 100000000, -500].map(formatUsd)).toEqual(['$0.00', '$0.05', '$1.00', '$1,234.56', '$1,000,000.00', '-$5.00']);
});
