import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '../auth/auth.decorators';
import { assertUuid } from '../common/http/query-params.util';
import { ReportQueryDto } from './dto/report-query.dto';
import { KeyStagesReportService } from './key-stages-report.service';
import { ReportVariant } from './key-stages.model';
import { pickReportFormat, renderReport } from './report-output.util';

async function respond(service: KeyStagesReportService, id: string, variant: ReportVariant, query: ReportQueryDto, accept: string | undefined, response: Response) {
  const report = await service.build(assertUuid(id, 'id'), variant);
  const { contentType, body } = renderReport(report, pickReportFormat(query.format, accept));
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', 'no-store');
  return body;
}

/** The full key-stages report: who did what, respondents, pending signatories, record numbers. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('contributions')
export class ReportsController {
  constructor(private readonly reports: KeyStagesReportService) {}

  @Get(':id/report')
  @Roles('auditor', 'secretariat')
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  report(@Param('id') id: string, @Query() query: ReportQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response) {
    return respond(this.reports, id, 'full', query, accept, response);
  }
}

/**
 * The public key-stages report, no token needed: stages not marked `public: false`, counts,
 * decisions, deadlines and their extensions, verified signatories. Never a draft, a comment,
 * an answer, a submission not consented for publication, or a person's name.
 */
@ApiTags('public')
@Controller('public/contributions')
export class PublicReportsController {
  constructor(private readonly reports: KeyStagesReportService) {}

  @Get(':id/report')
  @Public()
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  report(@Param('id') id: string, @Query() query: ReportQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response) {
    return respond(this.reports, id, 'public', query, accept, response);
  }
}
