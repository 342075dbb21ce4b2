import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { parseOptionalUuid } from '../common/http/query-params.util';
import { AuditTrailService } from './audit-trail.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditTrailService) {}

  /** Recomputes the hash chain of one contribution (or all) and reports the first broken link. */
  @Get('verify')
  @Roles('auditor', 'secretariat')
  @ApiQuery({ name: 'contributionId', required: false })
  async verify(@Query('contributionId') contributionId?: string) {
    const id = parseOptionalUuid(contributionId, 'contributionId');
    if (!id) return this.audit.verifyAll();
    const result = await this.audit.verifyContribution(id);
    if (!result) throw RequestException.notFound(`contribution ${id}`);
    return result;
  }
}
