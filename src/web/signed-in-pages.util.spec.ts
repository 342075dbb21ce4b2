import { renderSignedInPage, SIGNED_IN_PAGES } from './signed-in-pages.util';

describe('renderSignedInPage', () => {
  const shell = '<title>{{title}}</title><script src="/app/assets/{{script}}"></script><h1>{{heading}}</h1>{{intro}}';

  it('fills every slot, and leaves the intro out of pages that have none', () => {
    expect(renderSignedInPage(shell, SIGNED_IN_PAGES.auditor)).toBe(
      '<title>Auditor timeline – Consultation Engine</title><script src="/app/assets/auditor.js"></script><h1>Auditor timeline</h1>',
    );
    expect(renderSignedInPage(shell, SIGNED_IN_PAGES.index)).toContain('<h1>Consultation Engine</h1>\n    <p>Sign in to reach your page');
  });

  it('refuses a slot it does not know, naming it', () => {
    expect(() => renderSignedInPage('{{titel}}', SIGNED_IN_PAGES.index)).toThrow('unknown slot {{titel}}');
  });
});
