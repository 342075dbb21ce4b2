import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'ce_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens carry 256 random bits, so a plain SHA-256 (no salt, no stretching) is enough to store them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX) && token.length >= 20 && token.length <= 200;
}
