import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { MyDeadlinesQueryDto } from './dto/my-deadlines-query.dto';
import { MyDeadlinesService } from './my-deadlines.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class MyDeadlinesController {
  constructor(private readonly deadlines: MyDeadlinesService) {}

  /**
   * What is due for you, soonest first: the deadlines of your calendar feed, each in its own
   * (authoritative) time zone, moved to your organisation's own extension when it has one, with
   * whether your organisation has already acted in the stage.
   */
  @Get('deadlines')
  list(@CurrentActor() actor: Actor, @Query() query: MyDeadlinesQueryDto) {
    return this.deadlines.list(actor, { includePassed: query.status === 'all' });
  }
}
