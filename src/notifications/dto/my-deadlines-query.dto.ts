import { IsIn, IsOptional } from 'class-validator';

export class MyDeadlinesQueryDto {
  /** pending (default): still open for you; all: also those passed in the last 180 days. */
  @IsOptional()
  @IsIn(['pending', 'all'], { message: 'status must be pending or all' })
  status?: 'pending' | 'all';
}
