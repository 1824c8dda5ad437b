import { badInput } from '../../graphql/errors.js';
import type { PageRequest } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';

/**
 * Checks a decoded keyset cursor made of `size` strings, the last one a row id, before it reaches SQL
 * (a forged cursor must give BAD_USER_INPUT, not a database error).
 * @returns the cursor's keys, or null when the page has no cursor
 * @throws BAD_USER_INPUT on `after`/`before` for any other shape
 */
export function stringKeyCursor(page: PageRequest, size: number): string[] | null {
  const c = page.cursor;
  if (c === null) return null;
  if (c.length === size && c.every((v) => typeof v === 'string') && isUuid(c[size - 1])) return c as string[];
  throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
}
