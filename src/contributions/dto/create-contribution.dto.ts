import { IsInt, IsObject, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/http/is-instant.validator';

export class CreateContributionDto {
  /** The workflow id (e.g. rcc-declaration); the contribution pins its latest version. */
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, { message: 'workflow must be a workflow id such as rcc-declaration (GET /workflows lists them)' })
  workflow: string;

  /** Pin an older version instead of the latest. */
  @IsOptional()
  @IsInt({ message: 'workflowVersion must be a whole number' })
  @Min(1)
  workflowVersion?: number;

  /** Document symbol, e.g. C23/85-E; unique. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  symbol?: string;

  @IsString({ message: 'title is required' })
  @Length(1, 1000)
  title: string;

  /** Who the contribution is from, e.g. "Contribution from the Russian Federation". */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  originalLanguage?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  agendaItem?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  purpose?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  actionRequired?: string;

  /** Deadline of the first stage, when the workflow says it is supplied by the opening event. */
  @IsOptional()
  @IsInstant()
  deadline?: string;

  /** Deadlines per stage id, when several initial stages take theirs from the opening event. */
  @IsOptional()
  @IsObject()
  deadlines?: Record<string, string>;

  /** When the process started, if earlier than now (secretariat only). */
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
