import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length } from 'class-validator';
import { NOTICE_KINDS, NoticeKind } from '../message-render.util';

export class CreateWebhookDto {
  /** Where deliveries are POSTed (http or https). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL such as https://example.org/hooks/consultation' })
  @Length(1, 2000)
  url: string;

  /** Notice kinds to receive; empty or absent: all of them. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTICE_KINDS, { each: true, message: `events must be among: ${NOTICE_KINDS.join(', ')}` })
  events?: NoticeKind[];

  /** Shared secret for the HMAC signature (at least 16 characters); generated when absent. */
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'secret must have 16 to 200 characters' })
  secret?: string;

  /** The organisation the subscription is for; a participant may only name their own (or leave it out). */
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}
