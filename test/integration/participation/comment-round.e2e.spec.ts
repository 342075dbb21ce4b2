import { openContribution, postEvent, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

type Recorded = { transition: { details: Record<string, any> } };

/** A comment round recorded after the fact: its general deadline has passed, one organisation has an extension seconds away. */
describe('comment round: anchors, edits until the organisation\u2019s deadline, new versions', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let belarus: TestIdentity;
  let armenia: TestIdentity;
  let id: string;
  let paragraphs: string[];
  let versionOne: string;
  let extendedUntil: number;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    belarus = await t.token('participant', 'Administration of Belarus');
    armenia = await t.token('participant', 'Administration of Armenia');
    ({ id } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Comment round', occurredAt: '2024-12-04T09:00:00+03:00' }));
    const recorded = (await send(t, secretariat, id, {
      type: 'RECORD_VERSION',
      occurredAt: '2024-12-18T10:00:00+03:00',
      payload: { label: 'initial draft', paragraphs: [{ text: 'first paragraph' }, { text: 'second paragraph on infrastructure' }, { text: 'third paragraph on capacity building' }] },
    })) as unknown as Recorded;
    versionOne = recorded.transition.details.textVersion.id;
    paragraphs = recorded.transition.details.textVersion.paragraphIds;
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', occurredAt: '2024-12-20T10:00:00+03:00', payload: { deadline: '2025-01-13' } });
  });

  afterAll(async () => t.close());

  it('refuses a comment after the general deadline with a clear message', async () => {
    const late = await postEvent(t, armenia, id, { type: 'COMMENT', payload: { text: 'late', paragraphId: paragraphs[1] } }).expect(409);
    expect(late.body).toEqual(expect.objectContaining({ error: 'deadline_passed', stage: 'proposals' }));
    expect(late.body.message).toContain('passed at 2025-01-13T23:59:59.999+03:00 (Europe/Moscow); commenting is no longer possible');
  });

  it('checks what a comment is anchored to and names the field when it is wrong', async () => {
    await send(t, secretariat, id, { type: 'EXTEND_DEADLINE', payload: { organisationId: belarus.organisationId, dueAt: '2099-12-31' }, reason: 'asked for more time' });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ paragraphId: paragraphs[0] }, 'payload.text', 'required'],
      [{ text: 'x', paragraphId: '00000000-0000-4000-8000-000000000000' }, 'payload.paragraphId', 'not in version 1'],
      [{ text: 'x', versionId: '00000000-0000-4000-8000-000000000000' }, 'payload.versionId', 'no version'],
      [{ text: 'x', paragraph: 2 }, 'payload.paragraph', 'unknown field'],
      [{ text: '   ' }, 'payload.text', 'must not be empty'],
    ];
    for (const [payload, path, message] of cases) {
      const response = await postEvent(t, belarus, id, { type: 'COMMENT', payload }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
    }
  });

  it('lets an organisation edit and withdraw its comments until its own deadline, then refuses (409)', async () => {
    extendedUntil = Date.now() + 2500;
    // Armenia gets an extension a few seconds away (Belarus keeps the one until 2099).
    await send(t, secretariat, id, { type: 'EXTEND_DEADLINE', payload: { organisationId: armenia.organisationId, dueAt: new Date(extendedUntil).toISOString() } });
    const created = await t.http().post(`/contributions/${id}/comments`).set(armenia.auth).send({ text: 'Add "inclusive"', paragraphId: paragraphs[1], proposedText: 'second paragraph on inclusive infrastructure' }).expect(201);
    const second = (await send(t, armenia, id, { type: 'COMMENT', payload: { text: 'Capacity building matters', paragraphId: paragraphs[2] } })) as unknown as Recorded;
    const edited = await t.http().patch(`/contributions/${id}/comments/${created.body.id}`).set(armenia.auth).send({ text: 'Add "inclusive and secure"' }).expect(200);
    expect(edited.body).toEqual(expect.objectContaining({ revision: 2, text: 'Add "inclusive and secure"', about: expect.objectContaining({ paragraph: expect.objectContaining({ id: paragraphs[1], position: 2 }) }) }));
    await send(t, armenia, id, { type: 'WITHDRAW_COMMENT', payload: { commentId: second.transition.details.comment.id } });
    const again = await postEvent(t, armenia, id, { type: 'EDIT_COMMENT', payload: { commentId: second.transition.details.comment.id, text: 'back' } }).expect(409);
    expect(again.body.error).toBe('withdrawn');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, extendedUntil - Date.now() + 100)));
    const tooLate = await t.http().patch(`/contributions/${id}/comments/${created.body.id}`).set(armenia.auth).send({ text: 'one more change' }).expect(409);
    expect(tooLate.body.error).toBe('deadline_passed');
    expect(tooLate.body.message).toContain("your organisation's extended deadline");
    await send(t, belarus, id, { type: 'COMMENT', payload: { text: 'Belarus still has time', paragraphId: paragraphs[0] } });
    const matrix = await t.http().get(`/contributions/${id}/resolution-matrix`).set(secretariat.auth).expect(200);
    expect(matrix.body.rows.map((r: { organisation: string; disposition: string; paragraph: string }) => [r.organisation, r.paragraph, r.disposition])).toEqual([
      ['Administration of Belarus', '1', 'pending'],
      ['Administration of Armenia', '2', 'pending'],
      ['Administration of Armenia', '3', 'withdrawn'],
    ]);
  });

  it('after a new version, shows each comment with its paragraph as it was and where it is now', async () => {
    await send(t, secretariat, id, { type: 'CLOSE_ROUND' });
    const closed = await postEvent(t, belarus, id, { type: 'EDIT_COMMENT', payload: { commentId: (await t.http().get(`/contributions/${id}/comments`).set(belarus.auth)).body.items[0].id, text: 'x' } }).expect(409);
    expect(closed.body.error).toBe('event_not_allowed');
    await send(t, secretariat, id, { type: 'DECIDE', payload: { outcome: 'endorsed', meeting: { date: '2025-01-20' } } });
    const refused = await t.http().post(`/contributions/${id}/versions`).set(secretariat.auth).send({ paragraphs: [{ id: paragraphs[0], text: 'a' }, { id: paragraphs[0], text: 'b' }] }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'payload.paragraphs[1].id', message: expect.stringContaining('appears twice') })]);
    await t.http()
      .post(`/contributions/${id}/versions`)
      .set(secretariat.auth)
      .send({ label: 'draft Declaration', paragraphs: [{ text: 'a new opening paragraph' }, { id: paragraphs[1], text: 'second paragraph on inclusive and secure infrastructure' }, { id: paragraphs[0], text: 'first paragraph' }] })
      .expect(201);
    const { body } = await t.http().get(`/contributions/${id}/comments`).set(armenia.auth).expect(200);
    expect(body.latestVersion).toEqual(expect.objectContaining({ number: 1 })); // the new draft is not shared with participants yet
    const forSecretariat = (await t.http().get(`/contributions/${id}/comments`).set(secretariat.auth).expect(200)).body;
    const now = (organisation: string, status: string) =>
      forSecretariat.items.filter((c: { organisation: { name: string }; status: string }) => c.organisation.name === organisation && c.status === status).map((c: { about: unknown; now: unknown }) => [c.about, c.now]);
    expect(now('Administration of Armenia', 'active')).toEqual([
      [
        { scope: 'paragraph', version: { id: versionOne, number: 1 }, paragraph: { id: paragraphs[1], position: 2, text: 'second paragraph on infrastructure' } },
        { version: expect.objectContaining({ number: 2 }), paragraph: { status: 'changed', position: 2, text: 'second paragraph on inclusive and secure infrastructure' } },
      ],
    ]);
    expect(now('Administration of Belarus', 'active')[0][1]).toEqual({ version: expect.objectContaining({ number: 2 }), paragraph: { status: 'unchanged', position: 3, text: 'first paragraph' } });
    expect(now('Administration of Armenia', 'withdrawn')[0][1]).toEqual({ version: expect.objectContaining({ number: 2 }), paragraph: { status: 'removed', position: null, text: null } });

    const diff = await t.http().get(`/contributions/${id}/versions/1/diff/2`).set(secretariat.auth).expect(200);
    expect(diff.body.paragraphs.map((p: { status: string; moved: boolean }) => [p.status, p.moved])).toEqual([
      ['added', false],
      ['changed', false],
      ['removed', false], // after the paragraph that preceded it in version 1
      ['unchanged', true],
    ]);
    await t.http().get(`/contributions/${id}/versions/1/diff/9`).set(secretariat.auth).expect(404);
    await t.http().get(`/contributions/${id}/versions/latest`).set(secretariat.auth).expect(400);
  });
});
