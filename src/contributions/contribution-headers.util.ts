import { RequestException } from '../common/errors/request.exception';

/** If-Match: 3, "3" or W/"3" → 3. Absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw RequestException.field('If-Match', 'must be the contribution version from GET /contributions/:id (its ETag), e.g. "3"');
  return Number(match[1]);
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw RequestException.field('Idempotency-Key', 'must be 1 to 200 visible ASCII characters, e.g. a UUID');
  }
  return header;
}
