const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can exist at all; anything else is answered NOT_FOUND without asking the database. */
export const isUuid = (id: string) => UUID.test(id);

/** The ids that are well-formed uuids (a malformed id would make PostgreSQL raise 22P02). */
export const wellFormed = (ids: readonly string[]) => ids.filter(isUuid);
