import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

/**
 * A worker-only process opens no HTTP port, yet its deadline firings and deliveries are only
 * counted in its own memory. With METRICS_PORT set, such a process serves GET /metrics on a bare
 * node:http server: no token (Prometheus on a private network scrapes it; METRICS_HOST keeps it
 * on the loopback address unless told otherwise), no Nest, no body parsing. A process that runs
 * the API already serves /metrics on PORT, behind a token, and opens nothing more.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsHost } = this.config;
    if (metricsPort === undefined) return;
    if (this.config.runsApi) {
      this.logger.log(`METRICS_PORT is not used by a process that runs the API: GET /metrics is served on PORT (secretariat or auditor token)`);
      return;
    }
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(metricsPort, metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`metrics served on http://${metricsHost}:${this.address()?.port}/metrics`);
  }

  /** Where the server listens (tests ask for port 0); undefined when none was opened. */
  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Prometheus keeps its connection open between scrapes; waiting for it would hold the shutdown.
    server.closeAllConnections();
    await closed;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return this.reply(response, 404, 'text/plain; charset=utf-8', 'not found: this port serves GET /metrics only\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return this.reply(response, 405, 'text/plain; charset=utf-8', 'use GET\n');
    }
    try {
      const text = await this.metrics.render();
      this.reply(response, 200, this.metrics.contentType, request.method === 'HEAD' ? '' : text);
    } catch (error) {
      this.logger.error(`metrics could not be rendered: ${(error as Error).message}`);
      this.reply(response, 503, 'text/plain; charset=utf-8', 'metrics are unavailable right now; see the process log\n');
    }
  }

  private reply(response: ServerResponse, status: number, contentType: string, body: string): void {
    response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    response.end(body);
  }
}
