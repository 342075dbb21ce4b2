import { DateTime } from 'luxon';
import { ParticipationException } from '../participation.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Keys any event may carry for other parts of the engine (deadlines of the stage it opens, the organisation, the stage). */
export const SHARED_PAYLOAD_KEYS = ['organisationId', 'stage', 'deadline', 'deadlines', 'questions'] as const;

interface TextOptions {
  max?: number;
}

/**
 * Reads an event payload field by field, refusing with the field's path and what to send instead.
 * Unknown keys are refused too: a misspelt optional field (`consentToPublsh`) must not be ignored.
 */
export class PayloadReader {
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly path = 'payload',
  ) {}

  static of(payload: Record<string, unknown> | undefined, allowed: readonly string[]): PayloadReader {
    const reader = new PayloadReader(payload ?? {});
    reader.only([...allowed, ...SHARED_PAYLOAD_KEYS]);
    return reader;
  }

  only(allowed: readonly string[]): this {
    for (const key of Object.keys(this.value)) {
      if (!allowed.includes(key)) throw this.fail(key, `unknown field; this event accepts ${allowed.filter((k) => !(SHARED_PAYLOAD_KEYS as readonly string[]).includes(k)).join(', ') || 'no fields of its own'}`);
    }
    return this;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  fail(key: string, message: string): ParticipationException {
    return ParticipationException.invalidPayload(key ? `${this.path}.${key}` : this.path, message);
  }

  text(key: string, options: TextOptions = {}): string {
    const value = this.optionalText(key, options);
    if (value === undefined) throw this.fail(key, 'is required (non-empty text)');
    return value;
  }

  optionalText(key: string, { max = 20_000 }: TextOptions = {}): string | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.fail(key, 'must be text');
    if (value.trim() === '') throw this.fail(key, 'must not be empty; leave it out instead');
    if (value.length > max) throw this.fail(key, `is longer than ${max} characters`);
    return value;
  }

  uuid(key: string): string {
    const value = this.optionalUuid(key);
    if (value === undefined) throw this.fail(key, 'is required (an id such as 2f1c…)');
    return value;
  }

  optionalUuid(key: string): string | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !UUID.test(value)) throw this.fail(key, 'must be an id (UUID); copy it from the id field of the resource');
    return value.toLowerCase();
  }

  boolean(key: string, hint: string): boolean {
    const value = this.value[key];
    if (typeof value !== 'boolean') throw this.fail(key, `is required: true or false (${hint})`);
    return value;
  }

  /** A calendar date, YYYY-MM-DD. */
  optionalDate(key: string): string | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !DATE.test(value) || !DateTime.fromISO(value).isValid) throw this.fail(key, 'must be a date such as 2025-04-24');
    return value;
  }

  date(key: string): string {
    const value = this.optionalDate(key);
    if (value === undefined) throw this.fail(key, 'is required, a date such as 2025-04-24');
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.optionalOneOf(key, values);
    if (value === undefined) throw this.fail(key, `is required: one of ${values.join(', ')}`);
    return value;
  }

  optionalOneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !values.includes(value as T)) throw this.fail(key, `must be one of ${values.join(', ')}`);
    return value as T;
  }

  optionalObject(key: string, allowed: readonly string[]): PayloadReader | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.fail(key, 'must be an object');
    return new PayloadReader(value as Record<string, unknown>, `${this.path}.${key}`).only(allowed);
  }

  object(key: string, allowed: readonly string[]): PayloadReader {
    const reader = this.optionalObject(key, allowed);
    if (!reader) throw this.fail(key, `is required: an object with ${allowed.join(', ')}`);
    return reader;
  }

  /** A list of objects, each read with its own reader (path `payload.key[i]`). */
  list(key: string, { min = 1, max = 1000 } = {}): unknown[] {
    const value = this.value[key];
    if (!Array.isArray(value)) throw this.fail(key, `is required: a list of ${min} to ${max} items`);
    if (value.length < min || value.length > max) throw this.fail(key, `must have ${min} to ${max} items (has ${value.length})`);
    return value;
  }

  itemReader(key: string, index: number, allowed: readonly string[]): PayloadReader {
    const item = (this.value[key] as unknown[])[index];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw this.fail(`${key}[${index}]`, 'must be an object');
    return new PayloadReader(item as Record<string, unknown>, `${this.path}.${key}[${index}]`).only(allowed);
  }

  positiveInteger(key: string): number {
    const value = this.value[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100_000) throw this.fail(key, 'must be a whole number from 1');
    return value;
  }
}
