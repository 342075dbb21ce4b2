import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { EventMetaDto } from '../../shared/event-body.dto';

/** POST /contributions/:id/comments: the same as a COMMENT event. */
export class CreateCommentDto extends EventMetaDto {
  @IsString()
  @Length(1, 20_000)
  text: string;

  /** The paragraph commented on (its stable id); leave out to comment on the whole text. */
  @IsOptional()
  @IsUUID('all')
  paragraphId?: string;

  /** The version commented on; defaults to the newest you can read. */
  @IsOptional()
  @IsUUID('all')
  versionId?: string;

  /** The wording proposed instead. */
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  proposedText?: string;

  /** A secretariat recording a comment received from an organisation names it here. */
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  /** With parallel comment rounds, the stage commented in. */
  @IsOptional()
  @IsString()
  stage?: string;
}

/** PATCH /contributions/:id/comments/:commentId: the same as an EDIT_COMMENT event. */
export class EditCommentDto extends EventMetaDto {
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  text?: string;

  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  proposedText?: string;

  @IsOptional()
  @IsUUID('all')
  paragraphId?: string;

  @IsOptional()
  @IsUUID('all')
  versionId?: string;
}
