import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition, ParsedDefinition } from './parse-definition.util';

const WORKFLOWS = join(__dirname, '../../../workflows');

function errorsOf(result: ParsedDefinition) {
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors;
}

/** A small valid process the cases below break one way at a time. */
const base = `
id: demo
name: Demo
timezone: Europe/Zurich
stages:
  - id: drafting
    kind: drafting
    next: comments
  - id: comments
    kind: comment_round
    deadline: { after: P14D }
    reminders: [P2D]
    next: decision
  - id: decision
    kind: decision
    outcomes: { endorsed: done, returned: drafting }
  - id: done
    kind: final
`;

describe('parseDefinition', () => {
  it.each(readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yaml')))('accepts the shipped definition %s', (file) => {
    const result = parseDefinition(readFileSync(join(WORKFLOWS, file), 'utf8'));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('accepts the base example and expands kinds into generic transitions', () => {
    const result = parseDefinition(base);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const comments = result.definition.stages.find((stage) => stage.id === 'comments')!;
    expect(comments.transitions.map((t) => `${t.event}->${t.target ?? '(stay)'}`)).toEqual([
      'INVITE->(stay)',
      'COMMENT->(stay)',
      'NO_COMMENT->(stay)',
      'EDIT_COMMENT->(stay)',
      'WITHDRAW_COMMENT->(stay)',
      'CLOSE_ROUND->decision',
      'DEADLINE.comments->decision',
      'EXTEND_DEADLINE->(stay)',
    ]);
    expect(comments.deadline).toEqual({ type: 'relative', after: 'P14D', from: undefined, timeZone: 'Europe/Zurich' });
  });

  it('names an unknown target with the path and suggests the nearest stage', () => {
    const errors = errorsOf(parseDefinition(base.replace('next: decision', 'next: decisoin')));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[1].next', message: 'unknown stage "decisoin"; did you mean "decision"?' })]);
  });

  it('reports an unreachable stage', () => {
    const errors = errorsOf(parseDefinition(`${base}  - id: orphan\n    kind: final\n`));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[4]', message: expect.stringContaining('"orphan" is unreachable') })]);
  });

  it('reports a deadline with no target', () => {
    const text = base.replace('  - id: drafting\n    kind: drafting\n    next: comments', '  - id: drafting\n    kind: drafting\n    deadline: { after: P3D }\n    next: comments');
    const errors = errorsOf(parseDefinition(text));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[0].onDeadline', message: expect.stringContaining('a deadline needs a target') })]);
  });

  it('reports a cycle with no exit to a final stage', () => {
    const text = `
id: loop
name: Loop
stages:
  - id: start
    on: { GO: a }
  - id: a
    on: { NEXT: b }
  - id: b
    on: { BACK: a }
  - id: end
    kind: final
`;
    const errors = errorsOf(parseDefinition(text.replace('on: { GO: a }', 'on: { GO: a, STOP: end }')));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[1]', message: expect.stringContaining('a → b → a form a cycle with no exit') })]);
  });

  it('reports duplicate ids with the first use', () => {
    const errors = errorsOf(parseDefinition(base.replace('  - id: done\n', '  - id: comments\n    kind: final\n  - id: done\n')));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'stages[3].id', message: expect.stringContaining('duplicate id "comments", already used at stages[1]') }));
  });

  it('reports malformed YAML with its line', () => {
    const errors = errorsOf(parseDefinition('id: x\nname: [unclosed\nstages: []\n'));
    expect(errors[0].message).toMatch(/^malformed YAML/);
    expect(errors[0].line).toBeGreaterThan(0);
  });

  it('reports an unknown field and lists the allowed ones', () => {
    const errors = errorsOf(parseDefinition(base.replace('kind: decision', 'kind: decision\n    colour: blue')));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[2].colour', message: expect.stringContaining('unknown field "colour"; allowed here: id, kind') })]);
  });

  it('rejects a bad duration and a bad time zone with the fix', () => {
    const errors = errorsOf(parseDefinition(base.replace('P14D', '14 days').replace('Europe/Zurich', 'Europe/Geneva')));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'timezone', message: expect.stringContaining('IANA time zone') }),
        expect.objectContaining({ path: 'stages[1].deadline.after', message: expect.stringContaining('ISO-8601 duration') }),
      ]),
    );
  });

  it('asks a kind for what it needs', () => {
    const errors = errorsOf(parseDefinition(base.replace("    kind: decision\n    outcomes: { endorsed: done, returned: drafting }", '    kind: decision')));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[2].outcomes', message: expect.stringContaining('a decision stage needs outcomes') })]);
  });

  it('refuses a jump into a sibling region of a parallel stage', () => {
    const text = `
id: par
name: Parallel
stages:
  - id: both
    kind: parallel
    next: end
    regions:
      - id: left
        stages:
          - id: l1
            on: { CROSS: r2, DONE: l2 }
          - id: l2
            kind: final
      - id: right
        stages:
          - id: r1
            on: { DONE: r2 }
          - id: r2
            kind: final
  - id: end
    kind: final
`;
    const errors = errorsOf(parseDefinition(text));
    expect(errors).toEqual([expect.objectContaining({ path: 'stages[0].regions[0].stages[0].on.CROSS.target', message: expect.stringContaining('regions run side by side') })]);
  });

  it('refuses reserved event names', () => {
    const errors = errorsOf(parseDefinition(base.replace('kind: drafting\n    next: comments', 'kind: drafting\n    next: comments\n    on: { EXTEND_DEADLINE: comments }')));
    expect(errors[0]).toEqual(expect.objectContaining({ path: 'stages[0].on.EXTEND_DEADLINE', message: expect.stringContaining('reserved') }));
  });

  it('accepts JSON text and parsed objects alike', () => {
    const object = { id: 'tiny', name: 'Tiny', stages: [{ id: 'a', on: { GO: 'b' } }, { id: 'b', kind: 'final' }] };
    expect(parseDefinition(JSON.stringify(object)).ok).toBe(true);
    expect(parseDefinition(object).ok).toBe(true);
  });

  it('rejects something that is not a mapping', () => {
    expect(errorsOf(parseDefinition('- just\n- a list\n'))[0].message).toContain('expected a workflow definition');
  });
});
