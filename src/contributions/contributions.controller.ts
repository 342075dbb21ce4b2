import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AuditTrailService } from '../audit/audit-trail.service';
import { transitionRecordView } from '../audit/transition-record.view';
import { RequestException } from '../common/errors/request.exception';
import { assertStorableJson } from '../common/http/json-input.guard.util';
import { assertUuid, parseOptionalPositiveInt } from '../common/http/query-params.util';
import { parseIdempotencyKey, parseIfMatch } from './contribution-headers.util';
import { ContributionsService } from './contributions.service';
import { CreateContributionDto } from './dto/create-contribution.dto';
import { ApplyEventDto } from './dto/apply-event.dto';
import { TransitionOutcome, TransitionService } from './transition.service';

@ApiTags('contributions')
@ApiBearerAuth()
@Controller('contributions')
export class ContributionsController {
  constructor(
    private readonly transitions: TransitionService,
    private readonly contributions: ContributionsService,
    private readonly audit: AuditTrailService,
  ) {}

  /** Opens a contribution on a workflow; it starts in the workflow's initial stage. */
  @Post()
  @Roles('secretariat')
  async create(@Body() body: CreateContributionDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    if (body.deadlines !== undefined) assertStorableJson(body.deadlines, 'deadlines');
    const outcome = await this.transitions.create({ ...body, occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined }, actor);
    response.setHeader('Location', `/contributions/${outcome.contribution.id}`);
    response.setHeader('ETag', `"${outcome.contribution.version}"`);
    return this.contributions.view(outcome.contribution);
  }

  @Get()
  @ApiQuery({ name: 'workflow', required: false })
  @ApiQuery({ name: 'stage', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'done'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  async list(
    @Query('workflow') workflow?: string,
    @Query('stage') stage?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ) {
    if (status !== undefined && status !== 'active' && status !== 'done') throw RequestException.field('status', 'use active or done');
    const offsetValue = offset === undefined || offset === '0' ? 0 : parseOptionalPositiveInt(offset, 'offset', 10_000_000)!;
    return this.contributions.list({
      workflow,
      stage,
      status: status as 'active' | 'done' | undefined,
      limit: parseOptionalPositiveInt(limit, 'limit', 200) ?? 50,
      offset: offsetValue,
    });
  }

  /** Current stages, version (also as ETag), the events allowed now and by whom, deadlines. */
  @Get(':id')
  async get(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const contribution = await this.contributions.find(assertUuid(id, 'id'));
    response.setHeader('ETag', `"${contribution.version}"`);
    return this.contributions.view(contribution);
  }

  /**
   * Applies an event through the one transition path. 409 if the current stage does not accept
   * it (the body lists what is allowed now) or If-Match names another version; a retry with the
   * same Idempotency-Key returns the first response and changes nothing.
   */
  @Post(':id/events')
  @Roles('secretariat', 'participant')
  @HttpCode(201)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version you last saw; 409 if it changed' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'retry-safe key; the same key returns the first result' })
  async applyEvent(
    @Param('id') id: string,
    @Body() body: ApplyEventDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertUuid(id, 'id');
    if (body.payload !== undefined) assertStorableJson(body.payload, 'payload');
    const result = await this.transitions.apply(
      id,
      { type: body.type, payload: body.payload, occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined, reason: body.reason ?? null },
      actor,
      {
        expectedVersion: parseIfMatch(ifMatch),
        idempotencyKey: parseIdempotencyKey(idempotencyKey),
        render: (outcome, em) => this.render(outcome, em),
      },
    );
    if (result.replayed) {
      response.setHeader('Idempotent-Replayed', 'true');
      return result.response;
    }
    const body201 = (result.response as Awaited<ReturnType<ContributionsController['render']>> | undefined) ?? (await this.render(result.outcome));
    response.setHeader('ETag', `"${result.outcome.contribution.version}"`);
    return body201;
  }

  /** The audit trail of one contribution, oldest first, with hashes. */
  @Get(':id/transitions')
  @Roles('secretariat', 'auditor')
  async transitionsOf(@Param('id') id: string) {
    const contribution = await this.contributions.find(assertUuid(id, 'id'));
    const records = await this.audit.records(contribution.id);
    return { contributionId: contribution.id, items: records.map(transitionRecordView) };
  }

  private async render(outcome: TransitionOutcome, em?: Parameters<ContributionsService['view']>[1]) {
    return {
      contribution: await this.contributions.view(outcome.contribution, em),
      transition: transitionRecordView(outcome.record),
    };
  }
}
