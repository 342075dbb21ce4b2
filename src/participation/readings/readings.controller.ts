import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { assertUuid } from '../../common/http/query-params.util';
import { ReadingsService } from './readings.service';

@ApiTags('readings')
@ApiBearerAuth()
@Controller('contributions/:id/readings')
export class ReadingsController {
  constructor(private readonly readings: ReadingsService) {}

  /** Each reading: a dated meeting in a named room, the frozen version read, its outcome. */
  @Get()
  list(@Param('id') id: string) {
    return this.readings.list(assertUuid(id, 'id'));
  }
}
