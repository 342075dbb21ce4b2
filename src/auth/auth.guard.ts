import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from './actor';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { AuthException } from './auth.exception';
import { PersonRole } from './entities/person.entity';
import { TokensService } from './tokens.service';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); routes marked
 * @Roles() also need one of those roles. On public routes a valid token is still read, if sent.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<PersonRole[] | undefined>(REQUIRED_ROLES, targets);

    const token = bearerToken(request) ?? queryToken(request);
    if (token) {
      const actor = await this.tokens.authenticate(token);
      if (!actor && !isPublic) throw AuthException.invalidToken();
      if (actor) request.actor = actor;
    }
    if (isPublic) return true;
    if (!request.actor) throw AuthException.missingToken();
    if (roles && !roles.includes(request.actor.role as PersonRole)) throw AuthException.forbiddenRole(request.actor.role, roles);
    return true;
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Calendar clients cannot send headers; routes that allow it read ?token= instead. */
function queryToken(request: Request): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof value === 'string' && request.path.endsWith('.ics') ? value : undefined;
}
