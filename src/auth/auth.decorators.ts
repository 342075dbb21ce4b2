import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import type { PersonRole } from './entities/person.entity';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** Readable without a token (the public pages, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; everything else gets 403. */
export const Roles = (...roles: PersonRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
});
