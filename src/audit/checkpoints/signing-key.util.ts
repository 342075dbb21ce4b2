import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { keyIdOf } from './checkpoint.util';

export interface SigningKey {
  path: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** True when this call created the key pair. */
  created: boolean;
  /** Things an operator should know (e.g. a key file others can read). */
  warnings: string[];
}

/**
 * Loads the Ed25519 checkpoint key from `path`, creating it (mode 0600, directory 0700) when it
 * does not exist. Creation is atomic (written aside, then hard-linked into place), so several
 * processes starting at once end up sharing one key. The public key is written next to it as
 * `<path>.pub`, ready to hand to auditors.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  const absolute = resolve(path);
  const warnings: string[] = [];
  let created = false;
  if (!existsSync(absolute)) {
    mkdirSync(dirname(absolute), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const aside = `${absolute}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(aside, absolute);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(aside);
    }
  }
  const mode = statSync(absolute).mode & 0o777;
  if (mode & 0o077) warnings.push(`checkpoint key ${absolute} can be read by others (mode ${mode.toString(8)}); chmod 600 it`);
  const privateKey = readPrivateKey(absolute);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const publicPath = `${absolute}.pub`;
  if (!existsSync(publicPath) || readFileSync(publicPath, 'utf8') !== publicKeyPem) {
    writeFileSync(publicPath, publicKeyPem, { mode: 0o644 });
    chmodSync(publicPath, 0o644);
  }
  return { path: absolute, privateKey, publicKey, publicKeyPem, keyId: keyIdOf(publicKey), created, warnings };
}

function readPrivateKey(path: string): KeyObject {
  const key = createPrivateKey(readFileSync(path));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`checkpoint key ${path} is a ${key.asymmetricKeyType} key; an Ed25519 key is needed (delete it to have one created)`);
  return key;
}

/** A public key file for the verifier: an SPKI PEM (the `.pub` file), or the private key itself. */
export function readPublicKey(path: string): KeyObject {
  const text = readFileSync(path, 'utf8');
  const key = /PRIVATE KEY/.test(text) ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} holds a ${key.asymmetricKeyType} key, not an Ed25519 public key`);
  return key;
}
