import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { assertUuid } from '../../common/http/query-params.util';
import { ParticipationEvents } from '../shared/participation-events.service';
import { RecordVersionDto } from './dto/record-version.dto';
import { RECORD_VERSION } from './texts.hook';
import { TextsService } from './texts.service';

@ApiTags('texts')
@ApiBearerAuth()
@Controller('contributions/:id/versions')
export class TextsController {
  constructor(
    private readonly texts: TextsService,
    private readonly events: ParticipationEvents,
  ) {}

  /** Versions the caller may read (participants: once shared), oldest first. */
  @Get()
  list(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.texts.list(assertUuid(id, 'id'), actor);
  }

  /** Records a new version (a RECORD_VERSION event): send `id` for each paragraph kept or edited, none for new ones. */
  @Post()
  @Roles('secretariat')
  async record(@Param('id') id: string, @Body() body: RecordVersionDto, @CurrentActor() actor: Actor) {
    const { label, paragraphs, ...meta } = body;
    const { details } = await this.events.send(id, RECORD_VERSION, { label, paragraphs: paragraphs.map((p) => ({ ...(p.id ? { id: p.id } : {}), text: p.text })) }, meta, actor);
    return this.texts.get(id, String((details.textVersion as { number: number }).number), actor);
  }

  /** One version (by number or id) with its paragraphs and their stable ids. */
  @Get(':version')
  get(@Param('id') id: string, @Param('version') version: string, @CurrentActor() actor: Actor) {
    return this.texts.get(assertUuid(id, 'id'), version, actor);
  }

  /** Paragraph by paragraph: added, removed, changed (with a word-level diff) or unchanged, matched by paragraph id. */
  @Get(':from/diff/:to')
  diff(@Param('id') id: string, @Param('from') from: string, @Param('to') to: string, @CurrentActor() actor: Actor) {
    return this.texts.diff(assertUuid(id, 'id'), from, to, actor);
  }
}
