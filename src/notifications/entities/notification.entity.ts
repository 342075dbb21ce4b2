import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EMAIL_STATUSES = ['pending', 'sent', 'logged', 'skipped', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** One notice for one person: their inbox entry, rendered in their language and time zone, and its e-mail state. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'contribution_id', nullable: true })
  contributionId: string | null;

  @Column('uuid', { name: 'deadline_id', nullable: true })
  deadlineId: string | null;

  @Column('text')
  kind: string;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @Column('text')
  language: string;

  @Column('jsonb')
  data: Record<string, unknown>;

  /** The same notice never reaches the same person twice, however often its job runs. */
  @Column('text', { name: 'dedup_key', unique: true })
  dedupKey: string;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column('text', { name: 'email_to', nullable: true })
  emailTo: string | null;

  @Column('text', { name: 'email_status' })
  emailStatus: EmailStatus;

  @Column('timestamptz', { name: 'email_sent_at', nullable: true })
  emailSentAt: Date | null;

  @Column('text', { name: 'email_error', nullable: true })
  emailError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
