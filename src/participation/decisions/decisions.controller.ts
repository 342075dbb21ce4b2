import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { assertUuid } from '../../common/http/query-params.util';
import { DecisionsService } from './decisions.service';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('contributions/:id/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** Body decisions (endorsed, returned for revision, noted, rejected, …) at dated meetings of named bodies. */
  @Get()
  list(@Param('id') id: string) {
    return this.decisions.list(assertUuid(id, 'id'));
  }
}
