import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription secret>`. */
export const SIGNATURE_HEADER = 'X-Consultation-Signature-256';

export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute over the bytes it received and compare in constant time. */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/.test(header)) return false;
  const expected = Buffer.from(signBody(secret, body));
  const received = Buffer.from(header);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
