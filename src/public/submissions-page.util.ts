export interface SubmissionsPage {
  contribution: { title: string; symbol: string | null; source: string | null };
  title: string;
  questions: Array<{ number: number; text: string }>;
  counts: { total: number; published: number };
  submissions: Array<{ organisation: { name: string; country: string | null; stakeholderType: string | null }; updatedAt: string; answers: Array<{ question: number; text: string }> }>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const TYPE_LABELS: Record<string, string> = {
  government: 'Government',
  international_organisation: 'International organisation',
  private_sector: 'Private sector',
  civil_society: 'Civil society',
  academia: 'Academia',
  technical_community: 'Technical community',
};

/** The public page of a call for inputs: how many submissions, and those published with consent, answer by answer. */
export function renderSubmissionsPage(page: SubmissionsPage): string {
  const question = new Map(page.questions.map((q) => [q.number, q.text]));
  const submissions = page.submissions
    .map((s) => {
      const who = [s.organisation.country, s.organisation.stakeholderType ? TYPE_LABELS[s.organisation.stakeholderType] : null].filter(Boolean).join(', ');
      const answers = s.answers
        .map((a) => `<h4>${a.question}. ${escape(question.get(a.question) ?? `Question ${a.question}`)}</h4>${a.text.split(/\n+/).map((line) => `<p>${escape(line)}</p>`).join('')}`)
        .join('');
      return `<article><h3>${escape(s.organisation.name)}${who ? ` <small>(${escape(who)})</small>` : ''}</h3>${answers}</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(page.title)} – ${escape(page.contribution.title)}</title>
<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45}article{border-top:1px solid #bbb;margin-top:1.5rem}small{color:#555;font-weight:normal}</style></head>
<body><h1>${escape(page.contribution.title)}</h1><h2>${escape(page.title)}</h2>
<p>${page.counts.total} submission${page.counts.total === 1 ? ' was' : 's were'} received; ${page.counts.published} ${page.counts.published === 1 ? 'is' : 'are'} published here with the consent of ${page.counts.published === 1 ? 'its author' : 'their authors'}.</p>
${submissions}
</body></html>`;
}
