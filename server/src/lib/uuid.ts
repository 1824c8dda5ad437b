const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a string a `uuid` column can hold. Ids are opaque to clients, so a malformed one must behave
 * like an unknown one instead of reaching the database and failing there.
 */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
