import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.decorators';
import { assertUuid } from '../../common/http/query-params.util';
import { SignatoriesService } from './signatories.service';

@ApiTags('signatories')
@ApiBearerAuth()
@Controller('contributions/:id')
export class SignatoriesController {
  constructor(private readonly signatories: SignatoriesService) {}

  /** Signatories with their state (listed, awaiting verification, withdrawn with the reason); a participant sees the listed ones and its own. */
  @Get('signatories')
  signatoriesOf(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.signatories.list(assertUuid(id, 'id'), 'signatory', actor);
  }

  /** Co-sponsors ("the contribution was joined by …"), joined before submission. */
  @Get('cosponsors')
  cosponsorsOf(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.signatories.list(assertUuid(id, 'id'), 'cosponsor', actor);
  }

  /** The copy frozen at SUBMIT: recipient, agenda item, text, signatories and co-sponsors as they were. */
  @Get('as-submitted')
  asSubmitted(@Param('id') id: string) {
    return this.signatories.asSubmitted(assertUuid(id, 'id'));
  }
}
