import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/http/is-instant.validator';

export class ApplyEventDto {
  /** An event the current stage accepts (GET /contributions/:id lists allowedEvents). */
  @IsString({ message: 'type is required, e.g. CLOSE_ROUND' })
  @MaxLength(100)
  @Matches(/^[A-Z][A-Z0-9_]*(\.[a-z][a-z0-9-]*)?$/, { message: 'type must be an event name in UPPER_SNAKE_CASE, e.g. CLOSE_ROUND' })
  type: string;

  /** Event data: e.g. { outcome: "endorsed", body: "…", meetingDate: "…" } for DECIDE. */
  @IsOptional()
  @IsObject({ message: 'payload must be a JSON object' })
  payload?: Record<string, unknown>;

  /** When it happened, if earlier than now (a secretariat recording a meeting); never in the future. */
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  /** Why; shown to auditors. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
