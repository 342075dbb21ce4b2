import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Validate } from 'class-validator';
import { IsTimeZone } from '../../common/http/is-time-zone.validator';
import { PERSON_ROLES, PersonRole } from '../entities/person.entity';

export class CreateTokenDto {
  /** secretariat, participant or auditor */
  @IsIn(PERSON_ROLES, { message: 'role must be secretariat, participant or auditor' })
  role: PersonRole;

  /** The person's name, shown in the audit trail. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address such as desk@example.org' })
  email?: string;

  /** The organisation the person acts for (required for participants); created if new. */
  @IsOptional()
  @IsString()
  @Length(1, 300)
  organisationName?: string;

  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;

  /** IANA time zone in which deadlines are shown to this person. */
  @IsOptional()
  @Validate(IsTimeZone)
  timeZone?: string;

  /** Preferred language (BCP 47, e.g. en, fr, ru). */
  @IsOptional()
  @IsString()
  @Length(2, 16)
  language?: string;
}
