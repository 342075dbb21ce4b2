import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { assertUuid } from '../../common/http/query-params.util';
import { QuestionnairesService } from './questionnaires.service';

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('contributions/:id')
export class QuestionnairesController {
  constructor(private readonly questionnaires: QuestionnairesService) {}

  /** The numbered questions of a questionnaire stage (?stage= when the workflow has several). */
  @Get('questions')
  @ApiQuery({ name: 'stage', required: false })
  questions(@Param('id') id: string, @Query('stage') stage?: string) {
    return this.questionnaires.questionnaire(assertUuid(id, 'id'), stage);
  }

  /** Submissions: all for the secretariat and auditors, its own for a participant. */
  @Get('submissions')
  @ApiQuery({ name: 'stage', required: false })
  list(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('stage') stage?: string) {
    return this.questionnaires.list(assertUuid(id, 'id'), actor, stage);
  }

  /** Counts by stakeholder type and region, with how many are published. */
  @Get('submissions/counts')
  @Roles('secretariat', 'auditor')
  @ApiQuery({ name: 'stage', required: false })
  counts(@Param('id') id: string, @Query('stage') stage?: string) {
    return this.questionnaires.counts(assertUuid(id, 'id'), stage);
  }

  /** One submission: a participant reads its own, or another's only if published with consent. */
  @Get('submissions/:submissionId')
  get(@Param('id') id: string, @Param('submissionId') submissionId: string, @CurrentActor() actor: Actor) {
    return this.questionnaires.get(assertUuid(id, 'id'), assertUuid(submissionId, 'submissionId'), actor);
  }
}
