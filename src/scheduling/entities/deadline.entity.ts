import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const DEADLINE_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * A stage's due instant, kept in Postgres (the source of truth) and mirrored as a delayed job.
 * An extension bumps `generation`, so a job scheduled before it recognises itself as stale.
 * `organisationId` set: an extension granted to that organisation only.
 */
@Entity('deadlines')
export class Deadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** For an organisation's own extension: the general deadline it extends. */
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('integer')
  generation: number;

  @Column('text')
  status: DeadlineStatus;

  @Column('text', { array: true })
  reminders: string[];

  @Column('jsonb', { nullable: true })
  escalation: { before: string; belowResponseRate: number } | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt: Date | null;

  @Column('boolean')
  late: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
