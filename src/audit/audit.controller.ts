import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { parseOptionalUuid } from '../common/http/query-params.util';
import { AuditQueriesService } from './audit-queries.service';
import { AuditTrailService } from './audit-trail.service';
import { BackdatedQueryDto, LateDeadlinesQueryDto, PageDto, TransitionSearchDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('auditor', 'secretariat')
export class AuditController {
  constructor(
    private readonly audit: AuditTrailService,
    private readonly queries: AuditQueriesService,
  ) {}

  /** Recomputes the hash chain of one contribution (or all) and reports the first broken link. */
  @Get('verify')
  @ApiQuery({ name: 'contributionId', required: false })
  async verify(@Query('contributionId') contributionId?: string) {
    const id = parseOptionalUuid(contributionId, 'contributionId');
    if (!id) return this.audit.verifyAll();
    const result = await this.audit.verifyContribution(id);
    if (!result) throw RequestException.notFound(`contribution ${id}`);
    return result;
  }

  /** Transition records across contributions, filtered and paginated (oldest recorded first). */
  @Get('transitions')
  transitions(@Query() query: TransitionSearchDto) {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw RequestException.field('to', 'must be later than from');
    return this.queries.search({ ...query, from, to });
  }

  /** Records whose business time (occurredAt) is more than `hours` before they were recorded. */
  @Get('backdated')
  backdated(@Query() query: BackdatedQueryDto) {
    return this.queries.backdated(query);
  }

  /** Deadline firings recorded more than `thresholdSeconds` after the due instant, or marked late. */
  @Get('late-deadlines')
  lateDeadlines(@Query() query: LateDeadlinesQueryDto) {
    return this.queries.lateDeadlines(query);
  }

  /** Deadline firings recorded as no-ops (stale after an extension, or the stage already left). */
  @Get('deadline-noops')
  deadlineNoops(@Query() query: PageDto) {
    return this.queries.deadlineNoops(query);
  }

  /** Every deadline extension: old and new due instants, who authorised it, and why. */
  @Get('extensions')
  extensions(@Query() query: PageDto) {
    return this.queries.extensions(query);
  }
}
