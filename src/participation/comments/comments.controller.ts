import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { assertUuid } from '../../common/http/query-params.util';
import { ParticipationException } from '../participation.exception';
import { ParticipationEvents } from '../shared/participation-events.service';
import { COMMENT_EVENTS } from './comments.hook';
import { CommentsService } from './comments.service';
import { CreateCommentDto, EditCommentDto } from './dto/comment.dto';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('contributions/:id/comments')
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly events: ParticipationEvents,
  ) {}

  /**
   * Comments with what they were about (paragraph and text as of their version), where that
   * paragraph is now, and their disposition; "no comment" declarations. A participant sees its
   * own organisation's only.
   */
  @Get()
  @ApiQuery({ name: 'stage', required: false })
  list(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('stage') stage?: string) {
    return this.comments.list(assertUuid(id, 'id'), actor, { stage });
  }

  /** Submits a comment (a COMMENT event). */
  @Post()
  @Roles('secretariat', 'participant')
  async create(@Param('id') id: string, @Body() body: CreateCommentDto, @CurrentActor() actor: Actor) {
    const { occurredAt, reason, ...payload } = body;
    const { details } = await this.events.send(id, COMMENT_EVENTS.comment, payload, { occurredAt, reason }, actor);
    return this.one(id, (details.comment as { id: string }).id, actor);
  }

  /** Edits a comment of your organisation until your deadline (an EDIT_COMMENT event). */
  @Patch(':commentId')
  @Roles('secretariat', 'participant')
  async edit(@Param('id') id: string, @Param('commentId') commentId: string, @Body() body: EditCommentDto, @CurrentActor() actor: Actor) {
    const { occurredAt, reason, ...payload } = body;
    await this.events.send(id, COMMENT_EVENTS.edit, { commentId: assertUuid(commentId, 'commentId'), ...payload }, { occurredAt, reason }, actor);
    return this.one(id, commentId, actor);
  }

  @Get(':commentId')
  get(@Param('id') id: string, @Param('commentId') commentId: string, @CurrentActor() actor: Actor) {
    return this.one(assertUuid(id, 'id'), assertUuid(commentId, 'commentId'), actor);
  }

  private async one(id: string, commentId: string, actor: Actor) {
    const { items } = await this.comments.list(id, actor, { commentId });
    if (items.length === 0 && (await this.comments.exists(id, commentId))) throw ParticipationException.notYours(`comment ${commentId}`);
    if (items.length === 0) throw ParticipationException.notFound(`comment ${commentId}`, `GET /contributions/${id}/comments lists the comments you can read`);
    return items[0];
  }
}
