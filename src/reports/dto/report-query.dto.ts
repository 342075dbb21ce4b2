import { IsIn, IsOptional } from 'class-validator';

export class ReportQueryDto {
  /** json (default), md (Markdown) or html (printable); without it the Accept header decides. */
  @IsOptional()
  @IsIn(['json', 'md', 'markdown', 'html'], { message: 'format must be json, md or html' })
  format?: string;
}
