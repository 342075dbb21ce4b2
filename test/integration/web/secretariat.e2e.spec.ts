import { openContribution, send, stageIds } from '../../utils/api';
import type { TestIdentity } from '../../utils/setup';
import { mainTextOnce, startWeb, tableRows, WebTest } from './support/browser';

/** The secretariat dashboard: contributions, one contribution's deadlines, and sending the events allowed now with If-Match. */
describe('secretariat dashboard', () => {
  let web: WebTest;
  let secretariat: TestIdentity;
  let id: string;

  beforeAll(async () => {
    web = await startWeb();
    secretariat = await web.t.token('secretariat', undefined, { name: 'RCC Executive Committee secretariat' });
    ({ id } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/WSIS+20', title: 'RCC Declaration on WSIS+20' }));
    await send(web.t, secretariat, id, { type: 'RECORD_VERSION', payload: { label: 'initial draft', paragraphs: [{ text: 'recognizing that …' }] } });
    // The round's deadline is the end of that day in the workflow's zone, Europe/Moscow.
    await send(web.t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-31' } });
  });

  afterAll(async () => web?.close());

  it('lists contributions with workflow, current stages and status, and shows a pending deadline in its own zone', async () => {
    const page = await web.open(`/app/secretariat?contribution=${id}`, secretariat.token);
    const rows = await tableRows(page, /^Contributions/);
    expect(rows).toEqual([['RCC/WSIS+20', 'RCC Declaration on WSIS+20', 'RCC declaration with open endorsement (rcc-declaration, version 1)', 'Proposals from Communications Administrations', 'active']]);
    expect(await page.locator('#current-stages').innerText()).toBe('Proposals from Communications Administrations');
    expect(await tableRows(page, /^Pending deadlines/)).toEqual([['Proposals from Communications Administrations', 'every organisation', 'Saturday 31 January 2099, 23:59 (Europe/Moscow)']]);
    // Only what the secretariat may send in this stage is offered; participants' own actions are not.
    const buttons = await page.locator('ul.event-buttons button').allInnerTexts();
    expect(buttons).toEqual(['INVITE', 'COMMENT', 'NO_COMMENT', 'EDIT_COMMENT', 'WITHDRAW_COMMENT', 'CLOSE_ROUND', 'EXTEND_DEADLINE']);
    expect(web.problems).toEqual([]);
  });

  it('sends an allowed event with If-Match of the version shown, and shows the new stage and the record', async () => {
    const page = await web.open(`/app/secretariat?contribution=${id}`, secretariat.token);
    const shown = Number(await page.locator('#version-shown').innerText());
    await page.getByLabel('Reason (optional, kept in the audit trail)').fill('all proposals received');
    await page.getByRole('button', { name: 'CLOSE_ROUND', exact: true }).click();
    const text = await mainTextOnce(page, /CLOSE_ROUND recorded as record #\d+/);
    expect(text).toContain('current stages: Working Group decision on the common input.');
    expect(await page.locator('#current-stages').innerText()).toBe('Working Group decision on the common input');
    expect(Number(await page.locator('#version-shown').innerText())).toBe(shown + 1);
    expect((await tableRows(page, /^Contributions/))[0][3]).toBe('Working Group decision on the common input');
    expect(text).toContain('No pending deadline.');
    const trail = await tableRows(page, 'Audit trail');
    expect(trail[trail.length - 1]).toEqual([
      `#${shown + 1}`,
      expect.stringMatching(/\(Europe\/Moscow\)$/),
      'Proposals from Communications Administrations → Working Group decision on the common input',
      'CLOSE_ROUND',
      'RCC Executive Committee secretariat (secretariat)',
      '—',
      'all proposals received',
    ]);
    // Decisions get one button per outcome the stage accepts.
    expect(await page.locator('ul.event-buttons button').allInnerTexts()).toEqual(['DECIDE: endorsed', 'DECIDE: returned']);

    const { body } = await web.t.http().get(`/contributions/${id}/transitions`).set(secretariat.auth).expect(200);
    const last = body.items[body.items.length - 1];
    expect(last).toEqual(expect.objectContaining({ seq: shown + 1, eventType: 'CLOSE_ROUND', reason: 'all proposals received', contributionVersion: shown + 1 }));
    expect(last.actor).toEqual(expect.objectContaining({ personId: secretariat.personId, role: 'secretariat' }));
    expect(web.problems).toEqual([]);
  });

  it('refuses an event on a stale view with the server’s 409 message, and changes nothing', async () => {
    const page = await web.open(`/app/secretariat?contribution=${id}`, secretariat.token);
    const shown = Number(await page.locator('#version-shown').innerText());
    // Someone else decides first, from another screen.
    const other = await send(web.t, secretariat, id, { type: 'DECIDE', payload: { outcome: 'endorsed' } });
    await page.getByRole('button', { name: 'DECIDE: returned' }).click();
    const text = await mainTextOnce(page, 'DECIDE refused');
    expect(text).toContain(`DECIDE refused — 409 version_mismatch: If-Match expected version ${shown} but the contribution is at version ${shown + 1}; GET it again and retry`);
    const now = await web.t.http().get(`/contributions/${id}`).set(secretariat.auth).expect(200);
    expect([now.body.version, stageIds(now.body)]).toEqual([other.contribution.version, ['declaration-drafting']]);
    // The buttons are usable again, and reloading shows where the contribution is now.
    await page.reload();
    expect(await mainTextOnce(page, 'Drafting of the Declaration')).toContain('Drafting of the Declaration');
  });

  it('shows the server’s own words for a refused payload, and checks the JSON before sending', async () => {
    const page = await web.open(`/app/secretariat?contribution=${id}`, secretariat.token);
    const shown = await page.locator('#version-shown').innerText();
    await page.getByLabel('Payload (optional JSON object)').fill('{"deadline": ');
    await page.getByRole('button', { name: 'SHARE_DRAFT', exact: true }).click();
    expect(await mainTextOnce(page, 'the payload is not valid JSON')).not.toContain('SHARE_DRAFT recorded');

    await page.getByLabel('Payload (optional JSON object)').fill('{"deadline": "not a date"}');
    await page.getByRole('button', { name: 'SHARE_DRAFT', exact: true }).click();
    const refused = await postedError(page);
    const direct = await web.t.http().post(`/contributions/${id}/events`).set(secretariat.auth).send({ type: 'SHARE_DRAFT', payload: { deadline: 'not a date' } });
    expect(direct.status).toBe(400);
    expect(refused).toContain(`SHARE_DRAFT refused — 400 ${direct.body.error}: ${direct.body.message}`);
    expect(await page.locator('#version-shown').innerText()).toBe(shown);
  });
});

async function postedError(page: import('playwright-core').Page): Promise<string> {
  await page.locator('#event-result').getByText('SHARE_DRAFT refused').waitFor();
  return page.locator('#event-result').innerText();
}
