import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { STAKEHOLDER_TYPES, StakeholderType } from '../entities/organisation.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TYPE_MESSAGE = `stakeholderType must be one of ${STAKEHOLDER_TYPES.join(', ')}`;

export class CreateOrganisationDto {
  /** As the organisation names itself, e.g. "The Ministry of the High-Tech Industry of the Republic of Armenia"; unique. */
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  name: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  country?: string;

  @IsOptional()
  @IsIn(STAKEHOLDER_TYPES, { message: TYPE_MESSAGE })
  stakeholderType?: StakeholderType;

  /** Free text, grouped as written: e.g. "RCC/CIS", "Africa", "Asia-Pacific". */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  region?: string;

  /** e.g. "RCC member administration", "ITU Sector Member". */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  memberships?: string[];
}

/** Every field optional; `null` clears country, stakeholder type or region. */
export class UpdateOrganisationDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  name?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  country?: string | null;

  @IsOptional()
  @IsIn(STAKEHOLDER_TYPES, { message: TYPE_MESSAGE })
  stakeholderType?: StakeholderType | null;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  region?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  memberships?: string[];
}

export class ListOrganisationsQuery {
  @IsOptional()
  @IsIn(STAKEHOLDER_TYPES, { message: TYPE_MESSAGE })
  stakeholderType?: StakeholderType;

  @IsOptional()
  @IsString()
  region?: string;

  @IsOptional()
  @IsString()
  country?: string;

  @IsOptional()
  @IsString()
  membership?: string;

  /** Part of the name, any case. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  offset?: number;
}
