import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { assertUuid } from '../common/http/query-params.util';
import { QuestionnairesService } from '../participation/questionnaires/questionnaires.service';
import { SignatoriesService } from '../participation/signatories/signatories.service';
import { PublicTextService } from './public-text.service';
import { renderSubmissionsPage } from './submissions-page.util';

/**
 * What anyone may read without a token: the final (endorsed or submitted) text, the signatory
 * and co-sponsor lists, the copy as submitted, and the submissions published with consent.
 * Never a draft, a comment, a disposition, or an unpublished submission.
 */
@ApiTags('public')
@Controller('public/contributions/:id')
export class PublicParticipationController {
  constructor(
    private readonly signatories: SignatoriesService,
    private readonly questionnaires: QuestionnairesService,
    private readonly texts: PublicTextService,
  ) {}

  /** Verified, non-withdrawn signatories in joining order, with country and stakeholder type. */
  @Get('signatories')
  @Public()
  signatoriesOf(@Param('id') id: string) {
    return this.signatories.publicList(assertUuid(id, 'id'), 'signatory');
  }

  @Get('cosponsors')
  @Public()
  cosponsorsOf(@Param('id') id: string) {
    return this.signatories.publicList(assertUuid(id, 'id'), 'cosponsor');
  }

  @Get('as-submitted')
  @Public()
  asSubmitted(@Param('id') id: string) {
    return this.signatories.asSubmitted(assertUuid(id, 'id'));
  }

  /** The text a body endorsed (or the text as submitted); 404 while there is only a draft. */
  @Get('text')
  @Public()
  text(@Param('id') id: string) {
    return this.texts.finalText(assertUuid(id, 'id'));
  }

  /** The call for inputs page: questions, counts, and the submissions published with consent. JSON, or HTML (?format=html or a browser). */
  @Get('submissions')
  @Public()
  @ApiQuery({ name: 'stage', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiProduces('application/json', 'text/html')
  async submissions(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('accept') accept: string | undefined,
    @Query('stage') stage?: string,
    @Query('format') format?: string,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'html') throw RequestException.field('format', 'use json or html');
    const page = await this.questionnaires.publicPage(assertUuid(id, 'id'), stage);
    if (format === 'json' || (format === undefined && !(accept ?? '').includes('text/html'))) return page;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    return renderSubmissionsPage(page);
  }
}
