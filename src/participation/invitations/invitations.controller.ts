import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.decorators';
import { assertUuid } from '../../common/http/query-params.util';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('contributions/:id/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Per stage: who was asked, who responded and how; a participant sees its own organisation's line. */
  @Get()
  @ApiQuery({ name: 'stage', required: false })
  list(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('stage') stage?: string) {
    return this.invitations.responses(assertUuid(id, 'id'), actor, stage);
  }
}
