const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive as text from GraphQL and URLs: checked before they reach a `uuid` column, so a bad one is NOT_FOUND, not a 500. */
export const isUuid = (value: string) => UUID_RE.test(value);
