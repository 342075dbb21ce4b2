import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { personOf } from './inbox.controller';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /**
   * Your deadlines as an iCalendar feed, in your language and time zone. Calendar clients that
   * cannot send headers subscribe to /me/calendar.ics?token=<your token>. An extension keeps the
   * event's UID and raises its SEQUENCE, so the event moves instead of being duplicated.
   */
  @Get('calendar.ics')
  @ApiProduces('text/calendar')
  @ApiQuery({ name: 'token', required: false, description: 'your bearer token, for calendar clients that cannot send headers' })
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="deadlines.ics"')
  @Header('Cache-Control', 'private, no-cache')
  feed(@CurrentActor() actor: Actor): Promise<string> {
    return this.calendar.feed({ ...actor, personId: personOf(actor) });
  }
}
