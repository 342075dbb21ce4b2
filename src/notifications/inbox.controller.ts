import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { assertUuid, parseOptionalPositiveInt } from '../common/http/query-params.util';
import { InboxService } from './inbox.service';

/** The in-app inbox: reminders, escalations, invitations and new dates, for the person holding the token. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  list(@CurrentActor() actor: Actor, @Query('unread') unread?: string, @Query('limit') limit?: string) {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw RequestException.field('unread', 'use true or false');
    return this.inbox.list(personOf(actor), { unreadOnly: unread === 'true', limit: parseOptionalPositiveInt(limit, 'limit', 500) ?? 50 });
  }

  @Post('read-all')
  @HttpCode(200)
  markAllRead(@CurrentActor() actor: Actor) {
    return this.inbox.markAllRead(personOf(actor));
  }

  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.inbox.markRead(personOf(actor), assertUuid(id, 'id'));
  }
}

export function personOf(actor: Actor): string {
  // Every token belongs to a person; only the engine acts without one, and it has no HTTP token.
  if (!actor.personId) throw RequestException.field('Authorization', 'this token does not belong to a person');
  return actor.personId;
}
