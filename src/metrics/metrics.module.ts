import { Global, Module } from '@nestjs/common';
import { ClusterGaugesCollector } from './cluster-gauges.collector';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsServer } from './metrics-server.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Operator metrics in Prometheus format: per-process counters and histograms that the domains
 * record into (MetricsService, global so the transition path, deadlines and notifications reach
 * it without importing this module), the HTTP timing middleware (installed by createApp), gauges
 * read from Postgres and Redis at scrape time, GET /metrics, and the bare metrics port of
 * worker-only processes.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, ClusterGaugesCollector, MetricsServer, HttpMetricsMiddleware],
  exports: [MetricsService, HttpMetricsMiddleware],
})
export class MetricsModule {}
