import { ContributionException } from '../contributions/contribution.exception';
import { AuthException } from '../auth/auth.exception';
import { latenessSeconds, methodLabel, refusalCode, routeLabel, statusClassLabel, UNMATCHED_ROUTE } from './metric-labels.util';

describe('metric labels', () => {
  it('keeps the method to the HTTP methods the API knows', () => {
    expect(['GET', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PUT'].map(methodLabel)).toEqual(['GET', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PUT']);
    expect([methodLabel('PROPFIND'), methodLabel('get'), methodLabel(undefined), methodLabel('X'.repeat(500))]).toEqual(['other', 'other', 'other', 'other']);
  });

  it('names the route pattern that answered, never the URL', () => {
    expect(routeLabel({ path: '/contributions/:id/events' })).toBe('/contributions/:id/events');
    expect(routeLabel({ path: '/api/queues' }, '/queues')).toBe('/queues/api/queues');
    expect(routeLabel({ path: ['/', '/queue/:queueName'] }, '/queues')).toBe('/queues/|/queues/queue/:queueName');
  });

  it('calls a request no route answered unmatched, whatever middleware saw it on the way', () => {
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ path: '/{*path}' })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ path: '' })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ path: /^\/regex/ })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ path: [] })).toBe(UNMATCHED_ROUTE);
  });

  it('sorts status codes into classes', () => {
    expect([200, 201, 204, 299, 303, 400, 404, 409, 499, 500, 503, 599, 101].map(statusClassLabel)).toEqual([
      '2xx', '2xx', '2xx', '2xx', '3xx', '4xx', '4xx', '4xx', '4xx', '5xx', '5xx', '5xx', '1xx',
    ]);
  });

  it('labels a refusal with the code the client got, and anything else as internal', () => {
    expect(refusalCode(ContributionException.versionMismatch(1, 2))).toBe('version_mismatch');
    expect(refusalCode(ContributionException.eventNotAllowed('SHARE_DRAFT', ['comments'], []))).toBe('event_not_allowed');
    expect(refusalCode(AuthException.forbiddenRole('participant', ['secretariat']))).toBe('forbidden_role');
    expect(refusalCode(new Error('connection terminated unexpectedly'))).toBe('internal');
    expect(refusalCode('a string')).toBe('internal');
  });

  it('measures lateness from the due instant, never below zero, and not at all from an unreadable instant', () => {
    const due = '2025-03-14T12:00:00.000Z';
    expect(latenessSeconds(due, Date.parse(due) + 1250)).toBe(1.25);
    expect(latenessSeconds(due, Date.parse(due) + 600_000)).toBe(600);
    expect(latenessSeconds(due, Date.parse(due) - 40)).toBe(0);
    expect(latenessSeconds('not a date', Date.now())).toBeUndefined();
  });
});
