import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/http/is-instant.validator';

/** What every convenience route accepts besides its own fields, as POST /contributions/:id/events does. */
export class EventMetaDto {
  /** When it happened, if earlier than now (a secretariat recording after the fact); never in the future. */
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  /** Why; shown to auditors. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
