import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/http/is-instant.validator';

/** Keyset pagination: pass the `next` of a page as `after` to get the following one. */
export class PageDto {
  /** Records per page (default 100, at most 1000). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number between 1 and 1000' })
  @Min(1, { message: 'limit must be a whole number between 1 and 1000' })
  @Max(1000, { message: 'limit must be a whole number between 1 and 1000' })
  limit?: number;

  /** The `next` value of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be the `next` value of the previous page (a record id)' })
  after?: string;

  @IsOptional()
  @IsUUID('all', { message: 'contributionId must be a UUID; copy it from the id field of the contribution' })
  contributionId?: string;
}

export class TransitionSearchDto extends PageDto {
  /** The person who sent the event (people.id). */
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a person id (UUID)' })
  actorId?: string;

  @IsOptional()
  @IsIn(['secretariat', 'participant', 'auditor', 'system'], { message: 'actorRole must be secretariat, participant or system' })
  actorRole?: string;

  /** The organisation the event is about, or the one its sender acts for. */
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be an organisation id (UUID)' })
  organisationId?: string;

  /** A stage the contribution was in before or after the event. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, { message: 'stage must be a stage id such as comment-round' })
  stage?: string;

  /** An event type (COMMENT), or a prefix ending in * (DEADLINE.*). */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]*(\.[a-z0-9-]*)?\*?$/, { message: 'eventType must be an event name such as COMMENT, or a prefix such as DEADLINE.*' })
  @MaxLength(100)
  eventType?: string;

  @IsOptional()
  @IsIn(['created', 'transition', 'noop'], { message: 'kind must be created, transition or noop' })
  kind?: string;

  /** From this instant (inclusive), e.g. 2025-01-01 or 2025-01-01T00:00:00+03:00. */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Before this instant (exclusive). */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** Which time from/to apply to: occurredAt (business time, default) or recordedAt (system time). */
  @IsOptional()
  @IsIn(['occurredAt', 'recordedAt'], { message: 'dateField must be occurredAt or recordedAt' })
  dateField?: 'occurredAt' | 'recordedAt';
}

export class BackdatedQueryDto extends PageDto {
  /** Records whose occurredAt is more than this many hours before recordedAt (default BACKDATE_ALERT_HOURS). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'hours must be a number such as 72' })
  @Min(0, { message: 'hours must be 0 or more' })
  hours?: number;
}

export class LateDeadlinesQueryDto extends PageDto {
  /** Deadline firings recorded more than this many seconds after the due instant (default 60), or marked late by the reconciler. */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'thresholdSeconds must be a number such as 60' })
  @Min(0, { message: 'thresholdSeconds must be 0 or more' })
  thresholdSeconds?: number;
}

export class ExportQueryDto {
  @IsOptional()
  @IsIn(['ndjson', 'csv'], { message: 'format must be ndjson or csv' })
  format?: 'ndjson' | 'csv';

  /** Only this contribution; without it, every contribution. */
  @IsOptional()
  @IsUUID('all', { message: 'contributionId must be a UUID; copy it from the id field of the contribution' })
  contributionId?: string;
}

export class CheckpointListDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number between 1 and 100' })
  @Min(1, { message: 'limit must be a whole number between 1 and 100' })
  @Max(100, { message: 'limit must be a whole number between 1 and 100' })
  limit?: number;

  /** The `next` value of the previous page (a checkpoint sequence). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'before must be a checkpoint sequence number' })
  @Min(1, { message: 'before must be a checkpoint sequence number' })
  before?: number;

  /** `heads` includes every chain head (what the offline verifier needs). */
  @IsOptional()
  @IsIn(['heads'], { message: 'include can only be heads' })
  include?: 'heads';
}
