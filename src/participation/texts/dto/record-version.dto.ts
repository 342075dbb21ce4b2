import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { EventMetaDto } from '../../shared/event-body.dto';

export class ParagraphDto {
  /** The paragraph's id in an earlier version, to keep its identity; leave out for a new paragraph. */
  @IsOptional()
  @IsUUID('all', { message: 'id must be the id of a paragraph of an earlier version' })
  id?: string;

  @IsString()
  @Length(1, 50_000)
  text: string;
}

/** POST /contributions/:id/versions: the same as a RECORD_VERSION event. */
export class RecordVersionDto extends EventMetaDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ParagraphDto)
  paragraphs: ParagraphDto[];
}
