const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID string: anything else cannot be a record id and is treated as not found. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
