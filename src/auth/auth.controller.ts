import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from './actor';
import { CurrentActor, Roles } from './auth.decorators';
import { AuthException } from './auth.exception';
import { CreateTokenDto } from './dto/create-token.dto';
import { TokensService } from './tokens.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class AuthController {
  constructor(private readonly tokens: TokensService) {}

  /** Who the bearer token belongs to. */
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  /** A secretariat registers a person and gets their token (shown once). */
  @Post('auth/tokens')
  @Roles('secretariat')
  @HttpCode(201)
  async create(@Body() body: CreateTokenDto) {
    if (body.role === 'participant' && !body.organisationName && !body.organisationId) {
      throw AuthException.wrongOrganisation('a participant acts for an organisation: give organisationName or organisationId');
    }
    const { token, person } = await this.tokens.create(body);
    return { token, person };
  }
}
