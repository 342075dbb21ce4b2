import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TokensService } from '../auth/tokens.service';

export const BOARD_ROUTE = '/queues';
const COOKIE = 'ce_board_token';

/**
 * Bull Board is mounted as Express middleware, outside the global AuthGuard, so it checks the
 * secretariat role itself. A browser can open /queues?token=… once: the token moves into an
 * HttpOnly cookie scoped to /queues and the address bar loses it. API clients send the bearer header.
 */
@Injectable()
export class BullBoardAuthMiddleware implements NestMiddleware {
  constructor(private readonly tokens: TokensService) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const fromQuery = typeof request.query.token === 'string' ? request.query.token : undefined;
    const token = bearer(request) ?? fromQuery ?? cookie(request, COOKIE);
    const actor = token ? await this.tokens.authenticate(token) : null;
    if (!actor) {
      response.status(401).json({ error: 'unauthenticated', message: `the queue dashboard needs a secretariat token: send Authorization: Bearer <token> or open ${BOARD_ROUTE}?token=<token>` });
      return;
    }
    if (actor.role !== 'secretariat') {
      response.status(403).json({ error: 'forbidden_role', message: `the queue dashboard is for the secretariat; your token is a ${actor.role} token` });
      return;
    }
    if (fromQuery) {
      response.cookie(COOKIE, fromQuery, { httpOnly: true, sameSite: 'strict', path: BOARD_ROUTE });
      const url = new URL(request.originalUrl, 'http://local');
      url.searchParams.delete('token');
      response.redirect(303, url.pathname + url.search);
      return;
    }
    next();
  }
}

function bearer(request: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
