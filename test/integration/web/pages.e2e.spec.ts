import { openContribution, send } from '../../utils/api';
import type { TestIdentity } from '../../utils/setup';
import { mainTextOnce, signIn, startWeb, tableRows, WebTest } from './support/browser';

const PAGES = ['/app/', '/app/secretariat', '/app/participant', '/app/auditor', '/app/public/6f1d2c3b-1111-4222-8333-944455556666'];
const INJECTED = '<img src=x onerror="window.__injected = true">';

/** How the pages are served (policy, routes, assets), how a person signs in, and that API text can never become markup. */
describe('web pages: serving, signing in, no markup from the API', () => {
  let web: WebTest;
  let secretariat: TestIdentity;
  let participant: TestIdentity;

  beforeAll(async () => {
    web = await startWeb();
    secretariat = await web.t.token('secretariat', undefined, { name: 'Rita Secretariat' });
    participant = await web.t.token('participant', 'Administration of Belarus', { name: 'Desk officer' });
  });

  afterAll(async () => web?.close());

  it('serves every page without a token, under a strict Content-Security-Policy, with no inline script', async () => {
    for (const path of PAGES) {
      const response = await web.t.http().get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toMatch(/ src="\/app\/assets\/[a-z-]+\.js"/);
      expect(response.text).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
      expect(response.text).not.toMatch(/\son[a-z]+=/i);
      expect(response.text).not.toMatch(/\sstyle=/i);
    }
    const script = await web.t.http().get('/app/assets/page.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((await web.t.http().get('/app/assets/app.css').expect(200)).headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers bad addresses with 404, never a 500 or a file outside the pages', async () => {
    for (const path of ['/app/assets/nothing.js', '/app/assets/..%2Fweb.module.ts', '/app/assets/%2e%2e%2f%2e%2e%2fmain.ts', '/app/assets/.hidden', '/app/nothing']) {
      const response = await web.t.http().get(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
    const notFound = await web.t.http().get('/app/public/not-a-contribution').expect(404);
    expect(notFound.headers['content-type']).toMatch(/^text\/html/);
    expect(notFound.text).toContain('There is no page at this address');
    expect((await web.t.http().get('/app/public/%E0%A4%A')).status).toBe(400);
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const { body } = await web.t.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(body.paths).filter((path) => path.startsWith('/app'))).toEqual([]);
    expect(Object.keys(body.paths)).toContain('/me/deadlines');
  });

  it('signs in with a pasted token and sends each role to its page', async () => {
    const page = await web.open('/app/');
    await signIn(page, 'not-a-real-token');
    await page.getByText('your token was not accepted').waitFor();
    expect(await page.locator('main').innerText()).toContain('401');
    await signIn(page, secretariat.token);
    await page.waitForURL('**/app/secretariat');
    await page.getByRole('heading', { name: 'Contributions' }).waitFor();
    expect(await page.locator('header').innerText()).toContain('Signed in as Rita Secretariat (secretariat)');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/app/');
    await page.getByLabel('Bearer token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('takes ?token= once: into sessionStorage and out of the address', async () => {
    const page = await web.open('/app/', participant.token);
    await page.waitForURL('**/app/participant');
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate('Object.values({ ...sessionStorage })')).toEqual([participant.token]);
    // The blank tab and one entry: the address with the token was replaced, not left in the history.
    expect(await page.evaluate('history.length')).toBe(2);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    // Coming back without the token in the address still works: it is in sessionStorage.
    await page.goForward();
    expect(page.url()).toBe(`${web.baseUrl}/app/participant`);
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  });

  it("tells a person who opens another role's page where theirs is", async () => {
    const page = await web.open('/app/secretariat', participant.token);
    const text = await mainTextOnce(page, 'This page is for the secretariat');
    expect(text).toContain('you are signed in as Desk officer (participant, Administration of Belarus)');
    expect(await page.getByRole('link', { name: 'Go to your page' }).getAttribute('href')).toBe('/app/participant');
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('shows text from the API as text: a title with markup never becomes an element', async () => {
    const { id } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', title: `Declaration ${INJECTED}`, symbol: '<b>RCC</b>/1' });
    await send(web.t, secretariat, id, { type: 'RECORD_VERSION', payload: { paragraphs: [{ text: `paragraph ${INJECTED}` }] }, reason: `because ${INJECTED}` });

    const dashboard = await web.open(`/app/secretariat?contribution=${id}`, secretariat.token);
    await dashboard.getByRole('heading', { name: `<b>RCC</b>/1 – Declaration ${INJECTED}` }).waitFor();
    const [row] = await tableRows(dashboard, /^Contributions/);
    expect(row.slice(0, 2)).toEqual(['<b>RCC</b>/1', `Declaration ${INJECTED}`]);
    expect(await tableRows(dashboard, 'Audit trail')).toEqual(expect.arrayContaining([expect.arrayContaining([`because ${INJECTED}`])]));

    const timeline = await web.open(`/app/auditor?contribution=${id}`, secretariat.token);
    await timeline.getByText(`because ${INJECTED}`).waitFor();
    const outside = await web.open(`/app/public/${id}`);
    await outside.getByRole('heading', { name: `<b>RCC</b>/1 – Declaration ${INJECTED}` }).waitFor();

    for (const page of [dashboard, timeline, outside]) {
      expect(await page.locator('main img, main b').count()).toBe(0);
      expect(await page.evaluate('window.__injected')).toBeUndefined();
    }
    expect(web.problems).toEqual([]);
  });
});
