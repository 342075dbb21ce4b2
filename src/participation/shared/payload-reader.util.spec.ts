import { ParticipationException } from '../participation.exception';
import { PayloadReader } from './payload-reader.util';

function refusal(read: () => unknown): { path: string; message: string } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ParticipationException);
    return ((error as ParticipationException).details.errors as Array<{ path: string; message: string }>)[0];
  }
  throw new Error('expected a refusal');
}

describe('PayloadReader', () => {
  it('refuses a misspelt field rather than ignoring it, and accepts the keys every event may carry', () => {
    expect(refusal(() => PayloadReader.of({ answers: [], consentToPublsh: true }, ['answers', 'consentToPublish']))).toEqual({
      path: 'payload.consentToPublsh',
      message: 'unknown field; this event accepts answers, consentToPublish',
    });
    expect(() => PayloadReader.of({ organisationId: 'x', stage: 'call', deadline: '2025-01-31' }, [])).not.toThrow();
  });

  it('reads text, ids, dates and choices, naming the path of what is wrong', () => {
    const reader = PayloadReader.of({ text: ' ', versionId: 'v1', meeting: { date: '2025-02-30', room: 'CR-4' }, disposition: 'rejected' }, ['text', 'versionId', 'meeting', 'disposition']);
    expect(refusal(() => reader.text('text')).path).toBe('payload.text');
    expect(refusal(() => reader.optionalUuid('versionId')).message).toContain('UUID');
    const meeting = reader.object('meeting', ['date', 'room']);
    expect(refusal(() => meeting.date('date'))).toEqual({ path: 'payload.meeting.date', message: 'must be a date such as 2025-04-24' });
    expect(meeting.text('room')).toBe('CR-4');
    expect(refusal(() => reader.oneOf('disposition', ['accepted', 'noted'] as const)).message).toBe('must be one of accepted, noted');
  });

  it('reads lists item by item with their index in the path', () => {
    const reader = PayloadReader.of({ answers: [{ question: 1, text: 'a' }, { question: 0, text: 'b' }] }, ['answers']);
    expect(reader.list('answers')).toHaveLength(2);
    expect(reader.itemReader('answers', 0, ['question', 'text']).positiveInteger('question')).toBe(1);
    expect(refusal(() => reader.itemReader('answers', 1, ['question', 'text']).positiveInteger('question')).path).toBe('payload.answers[1].question');
    expect(refusal(() => PayloadReader.of({ answers: [] }, ['answers']).list('answers')).message).toContain('1 to 1000 items');
  });
});
