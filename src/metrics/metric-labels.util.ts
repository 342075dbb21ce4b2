import { DomainException } from '../common/errors/domain.exception';

/** Label values are kept to small fixed sets: every distinct value is a time series kept by Prometheus forever. */

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function methodLabel(method: string | undefined): string {
  return method !== undefined && METHODS.has(method) ? method : 'other';
}

export const UNMATCHED_ROUTE = 'unmatched';

/** Where Nest mounts middleware applied to every route (`forRoutes('*')`, e.g. the request logger): matching it says nothing. */
const MIDDLEWARE_CATCH_ALL = '/{*path}';

/**
 * The pattern of the route that answered (`/contributions/:id/events`), never the URL itself:
 * ids and query strings in a label would make a new series for every contribution. A route of a
 * mounted router (the queue dashboard) is prefixed with its mount path, itself a fixed string in
 * this app; a route with several paths names them all. A request no route answered (a 404 for a
 * path that does not exist) is `unmatched`.
 */
export function routeLabel(route: unknown, baseUrl = ''): string {
  const path = (route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return path.length > 0 && path !== MIDDLEWARE_CATCH_ALL ? baseUrl + path : UNMATCHED_ROUTE;
  if (Array.isArray(path) && path.length > 0 && path.every((item) => typeof item === 'string')) return path.map((item) => baseUrl + item).join('|');
  return UNMATCHED_ROUTE;
}

export function statusClassLabel(statusCode: number): string {
  if (statusCode >= 200 && statusCode < 300) return '2xx';
  if (statusCode >= 300 && statusCode < 400) return '3xx';
  if (statusCode >= 400 && statusCode < 500) return '4xx';
  if (statusCode >= 500 && statusCode < 600) return '5xx';
  return '1xx';
}

/** Anything but a domain refusal is a fault (the database went away…), not a decision about the event. */
export const INTERNAL_FAILURE = 'internal';

export function refusalCode(error: unknown): string {
  return error instanceof DomainException ? error.code : INTERNAL_FAILURE;
}

/**
 * Seconds from a deadline's due instant to `at` (ms since the epoch). A job run a few ms early
 * (clocks of two hosts differ) counts as on time rather than pulling the histogram's sum below zero;
 * an unreadable instant is no observation at all rather than a false "on time".
 */
export function latenessSeconds(dueAt: string, at: number): number | undefined {
  const due = Date.parse(dueAt);
  return Number.isFinite(due) ? Math.max(0, at - due) / 1000 : undefined;
}
