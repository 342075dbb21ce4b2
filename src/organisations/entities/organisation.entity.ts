import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const STAKEHOLDER_TYPES = [
  'government',
  'international_organisation',
  'private_sector',
  'civil_society',
  'academia',
  'technical_community',
] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  country: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { name: 'stakeholder_type', nullable: true })
  stakeholderType: StakeholderType | null;

  @Column('text', { array: true, default: () => "'{}'" })
  memberships: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
