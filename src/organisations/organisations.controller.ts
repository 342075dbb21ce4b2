import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { AuthException } from '../auth/auth.exception';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { assertUuid } from '../common/http/query-params.util';
import { CreateOrganisationDto, ListOrganisationsQuery, UpdateOrganisationDto } from './dto/organisation.dto';
import { organisationView, OrganisationsService } from './organisations.service';

/**
 * Organisations: name, country, stakeholder type, region, memberships. People belong to one and
 * act only for it (POST /auth/tokens registers a person for one). Anyone with a token reads the
 * organisations; the secretariat creates and updates them.
 */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('secretariat')
  async create(@Body() body: CreateOrganisationDto) {
    return organisationView(await this.organisations.create(body));
  }

  /** Filter by stakeholderType, region, country, membership, or part of the name (q). */
  @Get()
  async list(@Query() query: ListOrganisationsQuery) {
    const { items, total } = await this.organisations.list(query);
    return { items: items.map(organisationView), total };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return organisationView(await this.organisations.get(assertUuid(id, 'id')));
  }

  /** Who acts for the organisation: the secretariat and auditors see anyone's, a participant its own organisation's. */
  @Get(':id/people')
  async people(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const organisationId = assertUuid(id, 'id');
    if (actor.role === 'participant' && actor.organisationId !== organisationId) {
      throw AuthException.wrongOrganisation(`you may list the people of ${actor.organisationName ?? 'your own organisation'} only`);
    }
    return { organisationId, items: await this.organisations.people(organisationId) };
  }

  @Patch(':id')
  @Roles('secretariat')
  async update(@Param('id') id: string, @Body() body: UpdateOrganisationDto) {
    return organisationView(await this.organisations.update(assertUuid(id, 'id'), body));
  }
}
