/** node-postgres serialises bound parameters with this; it has no published types. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
