import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation } from './entities/organisation.entity';

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
}
