import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledWorkflow } from './compiled-workflow';
import { EngineEvent } from './engine-machine.types';
import { parseDefinition } from './parse-definition.util';

const DOC = readFileSync(join(__dirname, '../../../docs/workflow-definitions.md'), 'utf8');
const examples = [...DOC.matchAll(/<!-- validated-example -->\n```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);

/** The language page promises its examples work; hold it to that. */
describe('docs/workflow-definitions.md', () => {
  it('has validated examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((text) => [/^id: (.+)$/m.exec(text)?.[1], text]))('example %s is a valid definition', (_, text) => {
    const result = parseDefinition(text as string);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('the complete example behaves as the page says', () => {
    const result = parseDefinition(examples[examples.length - 1]);
    if (!result.ok) throw new Error('invalid');
    const workflow = new CompiledWorkflow(result.definition);
    const as = (role: 'secretariat' | 'participant', type: string, organisationId: string | null = null, payload: Record<string, unknown> = {}): EngineEvent => ({
      type,
      payload,
      actor: { role, organisationId },
      organisationId,
    });
    let snapshot = workflow.initialSnapshot();
    for (const event of [as('secretariat', 'SHARE_DRAFT'), as('secretariat', 'INVITE', null, { organisationIds: ['kenya', 'uganda'] }), as('participant', 'COMMENT', 'kenya')]) {
      snapshot = workflow.apply(snapshot, event);
    }
    expect(workflow.accepts(snapshot, as('secretariat', 'CLOSE_ROUND'))).toBe(false);
    snapshot = workflow.apply(snapshot, as('participant', 'NO_COMMENT', 'uganda'));
    snapshot = workflow.apply(snapshot, as('secretariat', 'CLOSE_ROUND'));
    snapshot = workflow.apply(snapshot, as('secretariat', 'FINALISE_TEXT'));
    expect(workflow.currentStages(snapshot.value)).toEqual(['co-sponsorship', 'council']);
    snapshot = workflow.apply(snapshot, as('secretariat', 'DECIDE', null, { outcome: 'returned' }));
    expect(workflow.currentStages(snapshot.value)).toEqual(['member-comments']);
  });
});
