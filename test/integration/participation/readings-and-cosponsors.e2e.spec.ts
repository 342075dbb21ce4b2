import { openContribution, postEvent, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

type Recorded = { transition: { details: Record<string, any> } };

describe('readings in named rooms, co-sponsors and the copy as submitted', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat', undefined, { name: 'Co-facilitators' });
    auditor = await t.token('auditor');
  });

  afterAll(async () => t.close());

  /** Seed 003: the UNGA modalities, read on dated meetings in named rooms, each reading bound to the text read. */
  it('binds each reading to the frozen version read, with its date, room and outcome', async () => {
    const { id } = await openContribution(t, secretariat, { workflow: 'unga-modalities', title: 'Modalities for the overall review of WSIS outcomes', occurredAt: '2025-02-04T10:00:00-05:00' });
    const event = async (type: string, occurredAt: string, payload: Record<string, unknown> = {}) => (await send(t, secretariat, id, { type, occurredAt, payload })) as unknown as Recorded;
    const version = async (occurredAt: string, label: string, text: string) => (await event('RECORD_VERSION', occurredAt, { label, paragraphs: [{ text }] })).transition.details.textVersion.id as string;

    const zero = await version('2025-02-04T10:00:00-05:00', 'zero draft', 'Decides that the high-level meeting will be held in December 2025');
    await event('SHARE_DRAFT', '2025-02-04T12:00:00-05:00');
    await event('RECORD_READING', '2025-02-14T13:00:00-05:00', { meeting: { date: '2025-02-14', room: 'ECOSOC Chamber' }, outcome: 'zero draft presented' });
    const rev1 = await version('2025-02-24T10:00:00-05:00', 'rev.1', 'Decides that the high-level meeting will be held on 16 and 17 December 2025');
    await event('RECORD_READING', '2025-02-26T13:00:00-05:00', { meeting: { date: '2025-02-26', room: 'CR-4' }, outcome: 'first reading completed' });
    const missingRoom = await postEvent(t, secretariat, id, { type: 'RECORD_READING', payload: { meeting: { date: '2025-03-06' } } }).expect(400);
    expect(missingRoom.body.errors).toEqual([expect.objectContaining({ path: 'payload.meeting.room', message: expect.stringContaining('required') })]);
    await event('RECORD_READING', '2025-03-06T13:00:00-05:00', { meeting: { date: '2025-03-06', room: 'CR-1' }, versionId: rev1, outcome: 'second reading completed' });
    const rev2 = await version('2025-03-11T10:00:00-05:00', 'rev.2', 'Decides that the high-level meeting will be held on 16 and 17 December 2025 in New York');
    await event('RECORD_READING', '2025-03-13T13:00:00-05:00', { meeting: { date: '2025-03-13', room: 'CR-1' }, outcome: 'agreed ad referendum' });
    await event('SUBMIT', '2025-03-18T10:00:00-04:00', { recipient: 'President of the General Assembly' });
    await event('DECIDE', '2025-03-25T15:00:00-04:00', { outcome: 'adopted', meeting: { date: '2025-03-25', location: 'General Assembly Hall' } });

    const { body } = await t.http().get(`/contributions/${id}/readings`).set(auditor.auth).expect(200);
    expect(body.items.map((r: { title: string; meeting: { date: string; room: string }; version: { id: string }; outcome: string }) => [r.title, r.meeting.date, r.meeting.room, r.version.id, r.outcome])).toEqual([
      ['Presentation of the zero draft', '2025-02-14', 'ECOSOC Chamber', zero, 'zero draft presented'],
      ['First reading', '2025-02-26', 'CR-4', rev1, 'first reading completed'],
      ['Second reading', '2025-03-06', 'CR-1', rev1, 'second reading completed'],
      ['Third and final reading', '2025-03-13', 'CR-1', rev2, 'agreed ad referendum'],
    ]);
    const decisions = await t.http().get(`/contributions/${id}/decisions`).set(auditor.auth).expect(200);
    expect(decisions.body.items).toEqual([
      expect.objectContaining({ body: 'UN General Assembly plenary', outcome: 'adopted', meeting: { date: '2025-03-25', location: 'General Assembly Hall' }, version: expect.objectContaining({ id: rev2, label: 'rev.2' }) }),
    ]);
    const text = await t.http().get(`/public/contributions/${id}/text`).expect(200);
    expect(text.body).toEqual(expect.objectContaining({ label: 'rev.2', basis: expect.objectContaining({ kind: 'submitted', by: 'President of the General Assembly' }) }));
  });

  /** Seed 002: a Member State's draft Council resolution that other administrations join before it is submitted. */
  it('lists co-sponsors joined before submission, freezes them at SUBMIT, and accepts none after', async () => {
    const russia = await t.token('participant', 'Administration of the Russian Federation');
    const belarus = await t.token('participant', 'Administration of Belarus');
    const kyrgyzstan = await t.token('participant', 'Administration of Kyrgyzstan');
    const uzbekistan = await t.token('participant', 'Administration of Uzbekistan');
    const { id } = await openContribution(t, secretariat, { workflow: 'council-resolution', title: 'The role of ITU in the overall review of the implementation of the WSIS outcomes', symbol: 'C23/85-E' });
    await send(t, secretariat, id, { type: 'RECORD_VERSION', payload: { paragraphs: [{ text: 'The Council, recalling Resolution 73 (Minneapolis, 1998) …' }] } });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT' });
    await send(t, belarus, id, { type: 'JOIN_AS_COSPONSOR' });
    await send(t, kyrgyzstan, id, { type: 'JOIN_AS_COSPONSOR' });
    await send(t, secretariat, id, { type: 'JOIN_AS_COSPONSOR', payload: { organisationId: uzbekistan.organisationId } });
    await send(t, kyrgyzstan, id, { type: 'WITHDRAW_COSPONSORSHIP', payload: { reason: 'instructions changed' } });
    const forOther = await postEvent(t, belarus, id, { type: 'JOIN_AS_COSPONSOR', payload: { organisationId: russia.organisationId } }).expect(403);
    expect(forOther.body.error).toBe('wrong_organisation');
    const twice = await postEvent(t, belarus, id, { type: 'JOIN_AS_COSPONSOR' }).expect(409);
    expect(twice.body.error).toBe('already_joined');

    const listed = await t.http().get(`/public/contributions/${id}/cosponsors`).expect(200);
    expect(listed.body.items.map((c: { position: number; name: string }) => [c.position, c.name])).toEqual([
      [1, 'Administration of Belarus'],
      [2, 'Administration of Uzbekistan'],
    ]);
    await send(t, secretariat, id, { type: 'SUBMIT', payload: { recipient: 'ITU Council 2023', agendaItem: 'PL2', symbol: 'C23/85-E' } });
    const late = await postEvent(t, russia, id, { type: 'JOIN_AS_COSPONSOR' }).expect(409);
    expect(late.body.error).toBe('event_not_allowed');
    const copy = await t.http().get(`/contributions/${id}/as-submitted`).set(russia.auth).expect(200);
    expect(copy.body).toEqual(expect.objectContaining({ recipient: 'ITU Council 2023', agendaItem: 'PL2', symbol: 'C23/85-E', signatories: [] }));
    expect(copy.body.cosponsors.map((c: { name: string }) => c.name)).toEqual(['Administration of Belarus', 'Administration of Uzbekistan']);
    const all = await t.http().get(`/contributions/${id}/cosponsors`).set(auditor.auth).expect(200);
    expect(all.body.items.find((c: { organisation: { name: string } }) => c.organisation.name === 'Administration of Kyrgyzstan')).toEqual(
      expect.objectContaining({ status: 'withdrawn', withdrawalReason: 'instructions changed' }),
    );
    const frozen = await t.db.query(`UPDATE submitted_copies SET recipient = 'someone else' WHERE contribution_id = $1`, [id]).catch((error: Error) => error);
    expect(String(frozen)).toContain('submitted_copies is frozen');
  });
});
