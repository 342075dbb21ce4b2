import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { RequestException } from '../../common/errors/request.exception';
import { assertUuid } from '../../common/http/query-params.util';
import { matrixCsv } from './resolution-matrix.util';
import { SessionsService } from './sessions.service';

@ApiTags('editorial sessions')
@ApiBearerAuth()
@Controller('contributions/:id')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** Editorial sessions: date, body, who presented what, how many dispositions of each kind, the finalised version. */
  @Get('sessions')
  list(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.sessions.list(assertUuid(id, 'id'), actor);
  }

  /** The comment-resolution matrix: paragraph, comment, organisation, disposition, rationale, session; JSON or CSV. */
  @Get('resolution-matrix')
  @Roles('secretariat', 'auditor')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({ name: 'stage', required: false })
  @ApiProduces('application/json', 'text/csv')
  async matrix(@Param('id') id: string, @Res({ passthrough: true }) response: Response, @Query('format') format = 'json', @Query('stage') stage?: string) {
    if (format !== 'json' && format !== 'csv') throw RequestException.field('format', 'use json or csv');
    const matrix = await this.sessions.matrix(assertUuid(id, 'id'), stage);
    if (format === 'json') return matrix;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="resolution-matrix-${id}.csv"`);
    return matrixCsv(matrix.rows);
  }
}
