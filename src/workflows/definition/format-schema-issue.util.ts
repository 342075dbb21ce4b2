import type { z } from 'zod';
import { DefinitionError } from './definition.types';
import { formatPath } from './format-path.util';

const FIELDS: Record<string, string[]> = {
  root: ['id', 'name', 'description', 'timezone', 'initial', 'stages'],
  stage: ['id', 'kind', 'title', 'description', 'body', 'report', 'public', 'next', 'outcomes', 'deadline', 'onDeadline', 'reminders', 'escalation', 'on', 'regions'],
  region: ['id', 'title', 'initial', 'stages'],
  deadline: ['at', 'after', 'from', 'fromEvent', 'timezone'],
  escalation: ['before', 'belowResponseRate'],
  event: ['target', 'by', 'guard', 'records', 'description'],
  guard: ['role', 'quorum', 'allInvitedResponded', 'outcome', 'anyOf'],
  quorum: ['count', 'of', 'stage', 'outcome'],
};

function objectKindAt(path: ReadonlyArray<PropertyKey>): string {
  const last = path[path.length - 1];
  const beforeLast = path[path.length - 2];
  if (path.length === 0) return 'root';
  if (typeof last === 'number' && beforeLast === 'stages') return 'stage';
  if (typeof last === 'number' && beforeLast === 'regions') return 'region';
  if (last === 'deadline') return 'deadline';
  if (last === 'escalation') return 'escalation';
  if (last === 'guard' || (typeof last === 'number' && beforeLast === 'anyOf')) return 'guard';
  if (last === 'quorum') return 'quorum';
  if (path.includes('on')) return 'event';
  return 'root';
}

/** Turns zod issues into `{ path, message }` pairs that say what to write instead. */
export function formatSchemaIssues(issues: z.core.$ZodIssue[], basePath: PropertyKey[] = []): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = FIELDS[objectKindAt(path)];
        for (const key of issue.keys) {
          errors.push({ path: formatPath([...path, key]), message: `unknown field "${key}"; allowed here: ${allowed.join(', ')}` });
        }
        break;
      }
      case 'invalid_type': {
        const missing = issue.input === undefined;
        const custom = !issue.message.startsWith('Invalid input');
        const got = Array.isArray(issue.input) ? 'a list' : issue.input === null ? 'null' : typeof issue.input;
        errors.push({
          path: formatPath(path),
          message: missing ? `required: ${custom ? issue.message : `expected ${issue.expected}`}` : custom ? `${issue.message}, got ${got}` : `expected ${issue.expected}, got ${got}`,
        });
        break;
      }
      case 'invalid_union': {
        // Report the alternative that got furthest rather than every alternative.
        const nested = issue.errors.length ? [...issue.errors].sort((a, b) => a.length - b.length)[0] : [];
        if (nested.length && issue.message.startsWith('Invalid input')) errors.push(...formatSchemaIssues(nested, path));
        else errors.push({ path: formatPath(path), message: issue.message });
        break;
      }
      case 'invalid_key':
        // A bad key of a record (an event name): report the key's own problem at the key's path.
        errors.push(...formatSchemaIssues(issue.issues, path).map((error) => ({ ...error, path: formatPath(path) })));
        break;
      default:
        errors.push({ path: formatPath(path), message: issue.message.replace(/^Invalid input: /, '') });
    }
  }
  return errors;
}
