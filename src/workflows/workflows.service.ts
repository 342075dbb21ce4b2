import { Injectable, Logger } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { Person } from '../auth/entities/person.entity';
import { CompiledWorkflow } from './definition/compiled-workflow';
import { DefinitionSource } from './definition/definition-source.schema';
import { normalizeDefinition } from './definition/normalize-definition.util';
import { parseDefinition } from './definition/parse-definition.util';
import { WorkflowDefinitionEntity } from './entities/workflow-definition.entity';
import { WorkflowException } from './workflow.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RegisteredWorkflow {
  entity: WorkflowDefinitionEntity;
  created: boolean;
}

@Injectable()
export class WorkflowsService {
  private readonly logger = new Logger(WorkflowsService.name);
  /** Definition versions are immutable, so a compiled machine never goes stale. */
  private readonly compiled = new Map<string, CompiledWorkflow>();
  private readonly entities = new Map<string, WorkflowDefinitionEntity>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Validates and stores a definition. Identical content returns the existing version;
   * new content for a known id becomes the next version. Never overwrites.
   */
  async register(input: string | unknown, options: { origin?: string; createdBy?: Person['id'] | null } = {}): Promise<RegisteredWorkflow> {
    const parsed = parseDefinition(input);
    if (!parsed.ok) throw WorkflowException.invalid(parsed.errors);
    const source = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
    const format = typeof input === 'string' && !/^\s*[{[]/.test(input) ? 'yaml' : 'json';
    const contentHash = createHash('sha256').update(canonicalize(parsed.source)!, 'utf8').digest('hex');
    const key = parsed.source.id;

    return this.dataSource.transaction(async (em) => {
      // Serialise versioning per key; other keys proceed in parallel.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('workflow:' || $1))`, [key]);
      const repository = em.getRepository(WorkflowDefinitionEntity);
      const existing = await repository.findOne({ where: { key, contentHash } });
      if (existing) return { entity: existing, created: false };
      const [{ next }] = await em.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM workflow_definitions WHERE key = $1`, [key]);
      const entity = repository.create({
        key,
        version: Number(next),
        name: parsed.source.name,
        contentHash,
        source,
        sourceFormat: format,
        definition: parsed.source,
        origin: options.origin ?? 'api',
        createdBy: options.createdBy ?? null,
      });
      await repository.insert(entity);
      return { entity, created: true };
    });
  }

  /** Registers every definition shipped in `workflows/`; a broken shipped file stops start-up. */
  async registerShipped(directory: string): Promise<RegisteredWorkflow[]> {
    const files = (await readdir(directory)).filter((file) => /\.ya?ml$/.test(file)).sort();
    const results: RegisteredWorkflow[] = [];
    for (const file of files) {
      const text = await readFile(join(directory, file), 'utf8');
      try {
        const result = await this.register(text, { origin: `shipped:${file}` });
        if (result.created) this.logger.log(`registered ${file} as ${result.entity.key} v${result.entity.version}`);
        results.push(result);
      } catch (error) {
        if (error instanceof WorkflowException) {
          const details = (error.details.errors as Array<{ path: string; message: string }>).map((e) => `${e.path}: ${e.message}`).join('; ');
          throw new Error(`shipped workflow ${file} is invalid: ${details}`);
        }
        throw error;
      }
    }
    return results;
  }

  async list(): Promise<Array<WorkflowDefinitionEntity & { versions: number }>> {
    const rows: Array<{ id: string; versions: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (key) id, count(*) OVER (PARTITION BY key) AS versions
         FROM workflow_definitions ORDER BY key, version DESC`,
    );
    const byId = new Map((await this.findMany(rows.map((r) => r.id))).map((e) => [e.id, e]));
    return rows.map((row) => Object.assign(byId.get(row.id)!, { versions: Number(row.versions) }));
  }

  private async findMany(ids: string[]): Promise<WorkflowDefinitionEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(WorkflowDefinitionEntity).createQueryBuilder('w').where('w.id IN (:...ids)', { ids }).getMany();
  }

  async versions(key: string): Promise<WorkflowDefinitionEntity[]> {
    const rows = await this.dataSource.getRepository(WorkflowDefinitionEntity).find({ where: { key }, order: { version: 'ASC' } });
    if (rows.length === 0) throw WorkflowException.notFound(key);
    return rows;
  }

  /**
   * By row id (UUID), or by workflow id with the latest (or a given) version. Rows are immutable,
   * so lookups by id are cached: the transition path then needs no second connection while it
   * holds a row lock (which, under load, would starve the pool).
   */
  async resolve(idOrKey: string, version?: number, em: EntityManager = this.dataSource.manager): Promise<WorkflowDefinitionEntity> {
    const repository = em.getRepository(WorkflowDefinitionEntity);
    let entity: WorkflowDefinitionEntity | null;
    if (UUID.test(idOrKey)) {
      const cached = this.entities.get(idOrKey.toLowerCase());
      if (cached) return cached;
      entity = await repository.findOne({ where: { id: idOrKey } });
      if (entity) this.entities.set(entity.id, entity);
    }
    else if (version !== undefined) entity = await repository.findOne({ where: { key: idOrKey, version } });
    else entity = await repository.findOne({ where: { key: idOrKey }, order: { version: 'DESC' } });
    if (!entity) throw WorkflowException.notFound(idOrKey, version);
    return entity;
  }

  compile(entity: Pick<WorkflowDefinitionEntity, 'id' | 'definition'>): CompiledWorkflow {
    let compiled = this.compiled.get(entity.id);
    if (!compiled) {
      const { definition, errors } = normalizeDefinition(entity.definition as DefinitionSource);
      if (errors.length) throw new Error(`stored definition ${entity.id} no longer normalises: ${errors[0].message}`);
      compiled = new CompiledWorkflow(definition);
      this.compiled.set(entity.id, compiled);
    }
    return compiled;
  }

  async compiledById(definitionId: string, em?: EntityManager): Promise<CompiledWorkflow> {
    const cached = this.compiled.get(definitionId);
    if (cached) return cached;
    return this.compile(await this.resolve(definitionId, undefined, em));
  }
}
