import { isMap, isSeq, LineCounter, parseDocument, Document } from 'yaml';
import { checkDefinition } from './check-definition.util';
import { compileMachine } from './compile-machine.util';
import { DefinitionSource, definitionSourceSchema } from './definition-source.schema';
import { DefinitionError, WorkflowDefinition } from './definition.types';
import { formatSchemaIssues } from './format-schema-issue.util';
import { normalizeDefinition } from './normalize-definition.util';

export const MAX_DEFINITION_BYTES = 512 * 1024;
export const MAX_STAGES = 500;

export interface LocatedDefinitionError extends DefinitionError {
  line?: number;
}

export type ParsedDefinition =
  | { ok: true; source: DefinitionSource; definition: WorkflowDefinition }
  | { ok: false; errors: LocatedDefinitionError[] };

/**
 * Text (YAML, of which JSON is a subset) or an already-parsed object → a checked definition.
 * Every problem comes back as `{ path, message }`, never as an exception.
 */
export function parseDefinition(input: string | unknown): ParsedDefinition {
  let raw: unknown = input;
  let document: Document | undefined;
  const lineCounter = new LineCounter();

  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > MAX_DEFINITION_BYTES) {
      return { ok: false, errors: [{ path: '', message: `the definition is larger than ${MAX_DEFINITION_BYTES / 1024} KiB; split the process or shorten descriptions` }] };
    }
    document = parseDocument(input, { lineCounter, uniqueKeys: true, prettyErrors: false });
    if (document.errors.length > 0) {
      return {
        ok: false,
        errors: document.errors.map((error) => {
          const line = lineCounter.linePos(error.pos[0]).line;
          return { path: line ? `line ${line}` : '', line, message: `malformed YAML: ${error.message.split('\n')[0]}` };
        }),
      };
    }
    raw = document.toJS({ maxAliasCount: 50 });
  }

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '', message: 'expected a workflow definition: a mapping with id, name and stages' }] };
  }

  const locate = (errors: DefinitionError[]): LocatedDefinitionError[] =>
    document ? errors.map((error) => ({ ...error, line: lineOf(document!, lineCounter, error.path) })) : errors;

  const parsed = definitionSourceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: locate(formatSchemaIssues(parsed.error.issues)) };

  const { definition, errors } = normalizeDefinition(parsed.data);
  if (countStages(parsed.data.stages) > MAX_STAGES) {
    errors.push({ path: 'stages', message: `more than ${MAX_STAGES} stages; split the process into several workflows` });
  }
  const allErrors = [...errors, ...(errors.length ? [] : checkDefinition(definition))];
  if (allErrors.length) return { ok: false, errors: locate(allErrors) };

  try {
    compileMachine(definition);
  } catch (error) {
    // Checks above should make this unreachable; keep the client's answer a 400 regardless.
    return { ok: false, errors: [{ path: '', message: `the definition cannot be compiled: ${(error as Error).message}` }] };
  }
  return { ok: true, source: parsed.data, definition };
}

function countStages(stages: DefinitionSource['stages']): number {
  return stages.reduce((sum, stage) => sum + 1 + (stage.regions ?? []).reduce((inner, region) => inner + countStages(region.stages), 0), 0);
}

function lineOf(document: Document, lineCounter: LineCounter, path: string): number | undefined {
  if (!path || path.startsWith('line ')) return undefined;
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  // Walk as deep as the document goes; report the nearest existing node.
  for (let length = segments.length; length > 0; length--) {
    const node = document.getIn(segments.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    const range = node && (isMap(node) || isSeq(node) || 'range' in node) ? node.range : undefined;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
