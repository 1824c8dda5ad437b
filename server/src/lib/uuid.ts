const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a textual UUID. Ids that fail this can name no row, so lookups treat them as missing
 * instead of letting the database reject the cast.
 */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
