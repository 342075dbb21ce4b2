import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { MetricsService } from './metrics.service';

/**
 * Operator metrics for Prometheus. Behind a token like the rest of the API: the figures (queue
 * depths, refusals, request rates) tell an outsider how the consultation is going.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition format: this process's counters and histograms, and gauges read from Postgres and Redis now. */
  @Get()
  @Roles('secretariat', 'auditor')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format (version 0.0.4)' })
  async scrape(@Res() response: Response): Promise<void> {
    const text = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    // A scrape is a reading of now; a cache in between would hand Prometheus an old one.
    response.setHeader('Cache-Control', 'no-store');
    // As bytes: Express rewrites the Content-Type of a string body (moving its charset), not of a Buffer.
    response.send(Buffer.from(text, 'utf8'));
  }
}
