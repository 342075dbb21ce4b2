import type { TransitionContext } from '../../contributions/contribution-extensions';
import { CompiledWorkflow } from '../../workflows/definition/compiled-workflow';
import { parseDefinition } from '../../workflows/definition/parse-definition.util';
import { ParticipationException } from '../participation.exception';
import { stageOfEvent, stagesAccepting, subjectOrganisation } from './event-stage.util';

const parsed = parseDefinition(`
id: two-rounds
name: Two comment rounds at once
stages:
  - id: rounds
    kind: parallel
    next: done
    regions:
      - id: members
        stages:
          - { id: member-comments, kind: comment_round, next: members-done }
          - { id: members-done, kind: final }
      - id: observers
        stages:
          - { id: observer-comments, kind: comment_round, next: observers-done }
          - { id: observers-done, kind: final }
  - id: done
    kind: final
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const workflow = new CompiledWorkflow(parsed.definition);

const context = (payload: Record<string, unknown>, fromStages = ['rounds', 'member-comments', 'observer-comments'], organisationId: string | null = null) =>
  ({ workflow, fromStages, event: { type: 'COMMENT', payload, actor: { role: 'secretariat' }, organisationId } }) as unknown as TransitionContext;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParticipationException);
    return (error as ParticipationException).message;
  }
  throw new Error('expected a refusal');
};

describe('stageOfEvent', () => {
  it('finds the one current stage that accepts the event', () => {
    expect(stageOfEvent(context({}, ['rounds', 'member-comments', 'observers-done'])).id).toBe('member-comments');
  });

  it('asks for payload.stage when parallel stages both accept it, and takes the one named', () => {
    expect(refusal(() => stageOfEvent(context({})))).toBe('payload.stage: COMMENT is accepted by several current stages; name one: member-comments, observer-comments');
    expect(stageOfEvent(context({ stage: 'observer-comments' })).id).toBe('observer-comments');
    expect(refusal(() => stageOfEvent(context({ stage: 'done' })))).toContain('must be a current stage that accepts COMMENT');
  });

  it('tells which of the stages left accept an event, and requires an organisation for what is recorded on its behalf', () => {
    expect(stagesAccepting(context({}), ['rounds', 'member-comments', 'done'], ['CLOSE_ROUND'])).toEqual(['member-comments']);
    expect(refusal(() => subjectOrganisation(context({}), 'the comment'))).toContain('payload.organisationId');
    expect(subjectOrganisation(context({}, undefined, 'org-1'), 'the comment')).toBe('org-1');
  });
});
