import { RequestException } from '../errors/request.exception';

export function parseOptionalPositiveInt(value: string | undefined, name: string, max = 1_000_000): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw RequestException.field(name, `must be a whole number between 1 and ${max}`);
  }
  return Number(value);
}

export function parseOptionalDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw RequestException.field(name, 'must be an ISO-8601 date or date-time such as 2025-01-31 or 2025-01-31T18:00:00Z');
  }
  return date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, name: string): string {
  if (!UUID.test(value)) throw RequestException.field(name, 'must be a UUID such as 2f1c…-…; copy it from the id field of the resource');
  return value;
}

export function parseOptionalUuid(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  return assertUuid(value, name);
}
