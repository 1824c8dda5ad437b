import type { Db } from './client.js';

/**
 * Runs a statement whose text is already built (`$1`… for the values) through the handle's session:
 * counted and traced like every drizzle statement, but with nothing for drizzle to render. For hot
 * statements whose text is fixed per shape, so the database parses each text once per connection.
 * @param db - the handle (a transaction handle runs it inside the transaction)
 * @returns the driver's result, as `db.execute` gives it (read it with `rowsOf`)
 */
export function executeText(db: Db, text: string, params: unknown[]): Promise<unknown> {
  return db._.session.prepareQuery({ sql: text, params }, undefined, undefined, false).execute();
}
