import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WorkflowsService } from '../workflows/workflows.service';
import { ContributionExtensions } from './contribution-extensions';
import { ContributionException } from './contribution.exception';
import { contributionView, ContributionView } from './contribution.view';
import { readContribution } from './contribution-rows.util';
import { Contribution } from './entities/contribution.entity';

export interface ContributionFilter {
  workflow?: string;
  stage?: string;
  status?: 'active' | 'done';
  limit: number;
  offset: number;
}

@Injectable()
export class ContributionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly extensions: ContributionExtensions,
  ) {}

  async find(id: string, em: EntityManager = this.dataSource.manager): Promise<Contribution> {
    const contribution = await readContribution(em, id);
    if (!contribution) throw ContributionException.notFound(id);
    return contribution;
  }

  async view(contribution: Contribution, em: EntityManager = this.dataSource.manager): Promise<ContributionView> {
    const [views] = await this.views([contribution], em);
    return views;
  }

  async views(contributions: Contribution[], em: EntityManager = this.dataSource.manager): Promise<ContributionView[]> {
    const sections = await this.extensions.describe(contributions, em);
    return Promise.all(
      contributions.map(async (contribution, index) => {
        const entity = await this.workflows.resolve(contribution.definitionId, undefined, em);
        return { ...contributionView(contribution, entity, this.workflows.compile(entity)), ...sections[index] };
      }),
    );
  }

  async list(filter: ContributionFilter): Promise<{ items: ContributionView[]; total: number }> {
    const query = this.dataSource.getRepository(Contribution).createQueryBuilder('c');
    if (filter.workflow) query.innerJoin('workflow_definitions', 'w', 'w.id = c.definition_id AND w.key = :key', { key: filter.workflow });
    if (filter.stage) query.andWhere(':stage = ANY(c.current_stages)', { stage: filter.stage });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    const [rows, total] = await query.orderBy('c.created_at', 'DESC').addOrderBy('c.id').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items: await this.views(rows), total };
  }
}
