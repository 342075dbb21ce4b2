import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersistedEngineSnapshot } from '../../workflows/definition/engine-machine.types';

@Entity('contributions')
export class Contribution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'definition_id' })
  definitionId: string;

  @Column('text', { nullable: true })
  symbol: string | null;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  source: string | null;

  @Column('text', { name: 'original_language', nullable: true })
  originalLanguage: string | null;

  @Column('text', { name: 'agenda_item', nullable: true })
  agendaItem: string | null;

  @Column('text', { nullable: true })
  purpose: string | null;

  @Column('text', { name: 'action_required', nullable: true })
  actionRequired: string | null;

  @Column('jsonb')
  snapshot: PersistedEngineSnapshot;

  /** Derived from the snapshot on every write, so lists and filters need no XState. */
  @Column('text', { name: 'current_stages', array: true })
  currentStages: string[];

  @Column('text')
  status: 'active' | 'done';

  @Column('integer')
  version: number;

  @Column('integer', { name: 'head_seq' })
  headSeq: number;

  @Column('text', { name: 'head_hash', nullable: true })
  headHash: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
