import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const REMINDER_STATUSES = ['pending', 'sent', 'skipped', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * One reminder (or escalation check) of one deadline generation, at one offset before it.
 * An extension cancels the pending rows of the old generation and writes the new ones in the
 * same transaction; the job only sends a row that is still pending at the deadline's generation.
 */
@Entity('reminders')
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'deadline_id' })
  deadlineId: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('integer')
  generation: number;

  @Column('text')
  kind: 'reminder' | 'escalation';

  @Column('text', { name: 'before_due' })
  beforeDue: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('text')
  status: ReminderStatus;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** Who was reminded, or the response rate an escalation found, or why it was not sent. */
  @Column('jsonb', { nullable: true })
  outcome: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
