import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DefinitionSource } from '../definition/definition-source.schema';

/** One immutable version of a workflow definition (the database refuses updates). */
@Entity('workflow_definitions')
export class WorkflowDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  name: string;

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @Column('text')
  source: string;

  @Column('text', { name: 'source_format' })
  sourceFormat: 'yaml' | 'json';

  @Column('jsonb')
  definition: DefinitionSource;

  @Column('text')
  origin: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
