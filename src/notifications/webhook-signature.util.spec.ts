import { generateWebhookSecret, signBody, verifySignature } from './webhook-signature.util';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = JSON.stringify({ type: 'reminder', deadline: { dueAt: '2025-01-31T20:59:59.999Z' } });

  it('is the HMAC-SHA256 of the raw body, hex, behind "sha256="', () => {
    // Computed independently: echo -n hello | openssl dgst -sha256 -hmac whsec_test-secret
    expect(signBody(secret, 'hello')).toBe('sha256=57164a4b9f07e7af615f255164839cf48cb44d65d8205b013088be38da823e1b');
    expect(signBody(secret, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signBody(secret, body)).toBe(signBody(secret, Buffer.from(body)));
  });

  it('verifies the body it signed and nothing else', () => {
    const header = signBody(secret, body);
    expect(verifySignature(secret, body, header)).toBe(true);
    expect(verifySignature(secret, body.replace('reminder', 'escalation'), header)).toBe(false);
    expect(verifySignature('another-secret', body, header)).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
    expect(verifySignature(secret, body, 'sha256=abc')).toBe(false);
  });

  it('generates long, distinct secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
