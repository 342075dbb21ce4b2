import { Controller, Get, Header, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { parseOptionalPositiveInt } from '../common/http/query-params.util';
import { renderMermaid } from './definition/render-mermaid.util';
import { workflowDetail, workflowSummary } from './workflow.view';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  /** The latest version of every workflow definition. */
  @Get()
  async list() {
    const rows = await this.workflows.list();
    return { items: rows.map((row) => ({ ...workflowSummary(row), versions: row.versions })) };
  }

  /**
   * Publishes a definition, as YAML (Content-Type: application/yaml) or JSON. New content for a
   * known id becomes its next version; identical content returns the existing version (200).
   */
  @Post()
  @Roles('secretariat')
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ description: 'A workflow definition; see docs/workflow-definitions.md', schema: { type: 'string' } })
  async create(@Req() request: Request, @Res({ passthrough: true }) response: Response, @CurrentActor() actor: Actor) {
    const body: unknown = request.body;
    const isText = typeof body === 'string';
    const isObject = body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body as object).length > 0;
    if (!isText && !isObject) {
      throw RequestException.unsupportedMediaType('send the definition as YAML (Content-Type: application/yaml) or as a JSON object (application/json)');
    }
    if (isText && (body as string).trim() === '') throw RequestException.malformed('the definition is empty');
    const { entity, created } = await this.workflows.register(body, { createdBy: actor.personId });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    response.setHeader('Location', `/workflows/${entity.key}?version=${entity.version}`);
    return { ...workflowDetail(entity, this.workflows.compile(entity)), created };
  }

  /** A definition by id (latest version, or ?version=N) or by version UUID. */
  @Get(':id')
  @ApiQuery({ name: 'version', required: false, type: Number })
  async get(@Param('id') id: string, @Query('version') version?: string) {
    const entity = await this.workflows.resolve(id, parseOptionalPositiveInt(version, 'version'));
    return workflowDetail(entity, this.workflows.compile(entity));
  }

  @Get(':id/versions')
  async versions(@Param('id') id: string) {
    return { items: (await this.workflows.versions(id)).map(workflowSummary) };
  }

  /** The definition as a Mermaid state diagram (text), or ?format=json for the XState machine config. */
  @Get(':id/diagram')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiQuery({ name: 'format', required: false, enum: ['mermaid', 'json'] })
  @ApiQuery({ name: 'version', required: false, type: Number })
  async diagram(@Param('id') id: string, @Res({ passthrough: true }) response: Response, @Query('format') format = 'mermaid', @Query('version') version?: string) {
    if (format !== 'mermaid' && format !== 'json') throw RequestException.field('format', 'use mermaid or json');
    const entity = await this.workflows.resolve(id, parseOptionalPositiveInt(version, 'version'));
    const compiled = this.workflows.compile(entity);
    if (format === 'json') return compiled.machine.toJSON();
    response.type('text/vnd.mermaid; charset=utf-8');
    return renderMermaid(compiled.definition);
  }
}
