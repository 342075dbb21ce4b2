import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/auth.decorators';
import { RequestException } from '../../common/errors/request.exception';
import { ExportQueryDto } from '../dto/audit-query.dto';
import { AuditExportService } from './audit-export.service';

const MEDIA_TYPES = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditExportController {
  private readonly logger = new Logger(AuditExportController.name);

  constructor(private readonly exports: AuditExportService) {}

  /**
   * Transition records with their hashes, one contribution or all, streamed. NDJSON is what
   * `npm run cli -- audit verify-file` checks offline; CSV is for spreadsheets.
   */
  @Get('export')
  @Roles('auditor', 'secretariat')
  @ApiProduces(MEDIA_TYPES.ndjson, MEDIA_TYPES.csv)
  async export(@Query() query: ExportQueryDto, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'ndjson';
    if (query.contributionId && !(await this.exports.contributionExists(query.contributionId))) {
      throw RequestException.notFound(`contribution ${query.contributionId}`);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `transitions-${query.contributionId ?? 'all'}-${stamp}.${format}`;
    response.status(200);
    response.setHeader('Content-Type', MEDIA_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      const summary = await this.exports.write(response, { format, contributionId: query.contributionId });
      if (!summary.complete) this.logger.warn(`export ${name} stopped after ${summary.records} records: the client went away`);
      response.end();
    } catch (error) {
      // Headers are gone: all that can be done is to cut the stream, which the verifier reports as a truncated file.
      this.logger.error(`export ${name} failed: ${(error as Error).message}`);
      response.destroy(error as Error);
    }
  }
}
