import { ROLE_PAGES, idFromAddress, startPage } from './page.js';
import { fill, h } from './dom.js';

// The landing page only signs in and sends each role to its own page. Links in notices and
// calendar events point here with ?contribution=, so each reader lands on that contribution in theirs.
startPage({
  render: (me, content) => {
    const page = ROLE_PAGES[me.role];
    const contribution = idFromAddress('contribution');
    if (page) return window.location.replace(contribution ? `${page}?contribution=${contribution}` : page);
    fill(content, h('p', { role: 'alert' }, `There is no page for the role ${me.role}.`));
  },
});
