import { ROLE_PAGES, startPage } from './page.js';
import { fill, h } from './dom.js';

// The landing page only signs in and sends each role to its own page.
startPage({
  render: (me, content) => {
    const page = ROLE_PAGES[me.role];
    if (page) return window.location.replace(page);
    fill(content, h('p', { role: 'alert' }, `There is no page for the role ${me.role}.`));
  },
});
