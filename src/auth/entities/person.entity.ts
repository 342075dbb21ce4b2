import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PERSON_ROLES = ['secretariat', 'participant', 'auditor'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** A person acts for at most one organisation (participants always for one). */
@Entity('people')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text')
  role: PersonRole;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('text', { name: 'time_zone', default: 'UTC' })
  timeZone: string;

  @Column('text', { default: 'en' })
  language: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
