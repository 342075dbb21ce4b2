import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Times every HTTP request. Plain Express middleware installed first by createApp, not a Nest
 * interceptor or Nest middleware: interceptors run after the guards (the auth guard's 401s and
 * 403s would go uncounted) and Nest middleware is mounted after /docs. The route pattern is read
 * when the response has finished, by which time Express has put the matched route on the
 * request (see `routeLabel` for the routes that do not count).
 */
@Injectable()
export class HttpMetricsMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  readonly use = (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('finish', () => this.metrics.observeHttp(request.method, request.route, request.baseUrl, response.statusCode, (performance.now() - started) / 1000));
    next();
  };
}
