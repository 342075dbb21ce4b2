import { RequestException } from '../errors/request.exception';

export interface JsonLimits {
  maxDepth: number;
  maxBytes: number;
}

/**
 * Free-form JSON (event payloads) is hashed and stored in jsonb: refuse what either would
 * silently change or reject (NUL characters, non-finite numbers) and what is unreasonably large.
 */
export function assertStorableJson(value: unknown, path: string, limits: JsonLimits = { maxDepth: 12, maxBytes: 64 * 1024 }): void {
  const visit = (node: unknown, at: string, depth: number) => {
    if (depth > limits.maxDepth) throw RequestException.field(at, `nested deeper than ${limits.maxDepth} levels; flatten it`);
    if (typeof node === 'string') {
      if (node.includes('\u0000')) throw RequestException.field(at, 'contains a NUL character; remove it');
    } else if (typeof node === 'number') {
      if (!Number.isFinite(node)) throw RequestException.field(at, 'is not a finite number');
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${at}[${index}]`, depth + 1));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\u0000')) throw RequestException.field(at, 'has a key containing a NUL character');
        visit(child, `${at}.${key}`, depth + 1);
      }
    }
  };
  visit(value, path, 0);
  if (Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') > limits.maxBytes) {
    throw RequestException.field(path, `is larger than ${limits.maxBytes / 1024} KiB; send less`);
  }
}
