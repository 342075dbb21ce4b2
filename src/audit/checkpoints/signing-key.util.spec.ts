import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { loadOrCreateSigningKey, readPublicKey } from './signing-key.util';

describe('checkpoint signing key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-key-'));

  it('creates an Ed25519 key pair on first use, private key 0600 in a 0700 directory, public key beside it', () => {
    const path = join(dir, 'nested', 'checkpoint.pem');
    const key = loadOrCreateSigningKey(path);
    expect(key).toEqual(expect.objectContaining({ path, created: true, warnings: [] }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(readFileSync(`${path}.pub`, 'utf8')).toBe(key.publicKeyPem);
    const signature = sign(null, Buffer.from('heads'), key.privateKey);
    expect(verify(null, Buffer.from('heads'), readPublicKey(`${path}.pub`), signature)).toBe(true);
  });

  it('loads the same key on the next start instead of replacing it', () => {
    const path = join(dir, 'again.pem');
    const first = loadOrCreateSigningKey(path);
    const second = loadOrCreateSigningKey(path);
    expect(second.created).toBe(false);
    expect(second.keyId).toBe(first.keyId);
  });

  it('warns when the key file can be read by others', () => {
    const path = join(dir, 'loose.pem');
    loadOrCreateSigningKey(path);
    chmodSync(path, 0o644);
    expect(loadOrCreateSigningKey(path).warnings).toEqual([expect.stringContaining('chmod 600')]);
  });

  it('refuses a key of another type', () => {
    const path = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(path)).toThrow(/an Ed25519 key is needed/);
  });

  it('reads a public key from the .pub file or from the private key', () => {
    const path = join(dir, 'either.pem');
    const key = loadOrCreateSigningKey(path);
    expect(readPublicKey(path).export({ type: 'spki', format: 'pem' })).toBe(key.publicKeyPem);
  });
});
