import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateOrganisationDto, ListOrganisationsQuery, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation } from './entities/organisation.entity';
import { OrganisationException } from './organisation.exception';

@Injectable()
export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async findOrCreate(name: string, em: EntityManager = this.dataSource.manager): Promise<Organisation> {
    const trimmed = name.trim();
    await em.query(`INSERT INTO organisations (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING`, [trimmed]);
    return em.getRepository(Organisation).createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name: trimmed }).getOneOrFail();
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    return em.getRepository(Organisation).findOne({ where: { id } });
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.findById(id);
    if (!organisation) throw OrganisationException.notFound(id);
    return organisation;
  }

  async create(input: CreateOrganisationDto): Promise<Organisation> {
    return this.dataSource.transaction(async (em) => {
      await this.assertNameFree(em, input.name);
      const [{ id }] = await em.query(
        `INSERT INTO organisations (name, country, stakeholder_type, region, memberships) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.name, input.country ?? null, input.stakeholderType ?? null, input.region ?? null, unique(input.memberships ?? [])],
      );
      return (await em.getRepository(Organisation).findOneByOrFail({ id })) as Organisation;
    });
  }

  async update(id: string, input: UpdateOrganisationDto): Promise<Organisation> {
    return this.dataSource.transaction(async (em) => {
      const current = await em.getRepository(Organisation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw OrganisationException.notFound(id);
      if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase()) await this.assertNameFree(em, input.name);
      const next = {
        name: input.name ?? current.name,
        country: input.country === undefined ? current.country : input.country,
        stakeholderType: input.stakeholderType === undefined ? current.stakeholderType : input.stakeholderType,
        region: input.region === undefined ? current.region : input.region,
        memberships: input.memberships === undefined ? current.memberships : unique(input.memberships),
      };
      await em.query(`UPDATE organisations SET name = $2, country = $3, stakeholder_type = $4, region = $5, memberships = $6 WHERE id = $1`, [
        id,
        next.name,
        next.country,
        next.stakeholderType,
        next.region,
        next.memberships,
      ]);
      return Object.assign(current, next);
    });
  }

  async list(query: ListOrganisationsQuery): Promise<{ items: Organisation[]; total: number }> {
    const builder = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (query.stakeholderType) builder.andWhere('o.stakeholder_type = :type', { type: query.stakeholderType });
    if (query.region) builder.andWhere('o.region = :region', { region: query.region });
    if (query.country) builder.andWhere('lower(o.country) = lower(:country)', { country: query.country });
    if (query.membership) builder.andWhere(':membership = ANY(o.memberships)', { membership: query.membership });
    if (query.q) builder.andWhere(`o.name ILIKE :q ESCAPE '\\'`, { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [items, total] = await builder
      .orderBy('lower(o.name)')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items, total };
  }

  /** The people who act for an organisation (names and contact for the secretariat, who to notify). */
  async people(id: string): Promise<Array<{ id: string; name: string; email: string | null; role: string; timeZone: string; language: string }>> {
    await this.get(id);
    const rows: Array<{ id: string; name: string; email: string | null; role: string; time_zone: string; language: string }> = await this.dataSource.query(
      `SELECT id, name, email, role, time_zone, language FROM people WHERE organisation_id = $1 ORDER BY lower(name), created_at`,
      [id],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role, timeZone: row.time_zone, language: row.language }));
  }

  private async assertNameFree(em: EntityManager, name: string): Promise<void> {
    const [taken] = await em.query(`SELECT id, name FROM organisations WHERE lower(name) = lower($1)`, [name]);
    if (taken) throw OrganisationException.nameTaken(taken.name, taken.id);
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((item) => item.trim()))];
}

export function organisationView(organisation: Organisation) {
  return {
    id: organisation.id,
    name: organisation.name,
    country: organisation.country,
    stakeholderType: organisation.stakeholderType,
    region: organisation.region,
    memberships: organisation.memberships,
    createdAt: organisation.createdAt instanceof Date ? organisation.createdAt.toISOString() : organisation.createdAt,
  };
}
