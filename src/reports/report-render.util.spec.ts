import type { KeyStagesReport } from './key-stages.model';
import { renderHtml } from './report-html.util';
import { escapeMarkdown, renderMarkdown } from './report-markdown.util';

function sample(overrides: Partial<KeyStagesReport> = {}): KeyStagesReport {
  const when = { start: '2024-08-01', end: '2025-03-14', text: '1 August 2024 – 14 March 2025', ongoing: false };
  return {
    variant: 'full',
    generatedAt: '2026-01-01T00:00:00.000Z',
    contribution: { id: 'c1', symbol: 'CWG-WSIS&SDG/CALL', title: 'Call for inputs <WSIS+20>', source: 'ITU', originalLanguage: null, agendaItem: null, purpose: null, actionRequired: null, status: 'active', currentStages: ['Preliminary results'] },
    workflow: { key: 'itu-call-for-inputs', version: 1, name: 'ITU call for inputs', timeZone: 'Europe/Zurich' },
    stages: [
      {
        stageId: 'online-form',
        kind: 'questionnaire',
        title: 'Online form',
        body: null,
        visit: 1,
        status: 'completed',
        when,
        period: when,
        sentence: '1 August 2024 – 14 March 2025 – the online form was open to all stakeholders; 96 submissions were received.',
        enteredAt: '2024-08-01T07:00:00.000Z',
        completedAt: '2025-03-14T22:59:59.999Z',
        completedBy: 'DEADLINE.online-form',
        responses: { organisations: 96, comments: 0, noComment: 0, submissions: 96, published: 80, respondents: [{ name: 'A | B Ltd', consentToPublish: false }], publishedSubmissions: [] },
        deadlines: [],
        records: [1, 2, 3],
      },
    ],
    deadlines: [
      {
        stageId: 'online-form',
        stageTitle: 'Online form',
        timeZone: 'Europe/Zurich',
        initialDueAt: '2025-01-31T22:59:59.999Z',
        initialDueText: '31 January 2025',
        finalDueAt: '2025-03-14T22:59:59.999Z',
        finalDueText: '14 March 2025',
        extensions: [
          {
            organisation: null,
            oldDueAt: '2025-01-31T22:59:59.999Z',
            newDueAt: '2025-03-14T22:59:59.999Z',
            oldDueText: '31 January 2025',
            newDueText: '14 March 2025',
            decidedOn: '20 January 2025',
            reason: 'following several requests received from stakeholders',
            authorisedBy: 'Jane Officer',
          },
        ],
        closedBy: 'deadline',
        closedOn: '14 March 2025',
      },
    ],
    decisions: [{ stageId: 'd', outcome: 'endorsed', body: 'Board', meeting: { date: '2025-05-21', text: '21 May 2025', location: 'Moscow' }, reason: null }],
    endorsements: {
      total: 2,
      byStakeholderType: [{ key: 'government', label: 'Governments and communications administrations', count: 2 }],
      byRegion: [{ key: 'RCC/CIS', label: 'RCC/CIS', count: 2 }],
      awaitingVerification: 1,
      withdrawn: 0,
    },
    signatories: [
      { position: 1, name: 'Ministry A', country: 'Armenia', stakeholderType: 'government', region: 'RCC/CIS', joinedOn: '21 May 2025', channel: 'online', event: null },
      { position: 2, name: 'Zorozion Prime', country: null, stakeholderType: 'private_sector', region: null, joinedOn: '6 June 2025', channel: 'event', event: 'Global Digital Forum' },
    ],
    awaitingVerification: [{ position: 1, name: 'Pending Org', country: null, stakeholderType: null, region: null, joinedOn: '1 June 2025', channel: 'online', event: null }],
    integrity: { records: 120, headSeq: 120, headHash: 'ab'.repeat(32), chainVerified: true, firstBreak: null, checkpoint: { sequence: 4, createdAt: '2025-12-31T00:00:00.000Z', coversRecords: 118, matches: true } },
    ...overrides,
  };
}

describe('Markdown rendering', () => {
  it('shows the stages, the deadline with its extension and reason, the counts and the annex', () => {
    const markdown = renderMarkdown(sample());
    expect(markdown).toContain('# Key stages of preparation: Call for inputs \\<WSIS+20\\>');
    expect(markdown).toContain('\n1 August 2024 – 14 March 2025 – the online form was open to all stakeholders; 96 submissions were received.\n');
    expect(markdown).toContain(
      '| Online form | 31 January 2025 → 14 March 2025 | 31 January 2025 → 14 March 2025 (decided on 20 January 2025, authorised by Jane Officer): following several requests received from stakeholders | 14 March 2025, when the deadline passed |',
    );
    expect(markdown).toContain('| Online form | 96 | 0 | 0 | 96 | 80 |');
    expect(markdown).toContain('Responding to “Online form”: A \\| B Ltd (not for publication).');
    expect(markdown).toContain('## Annex: list of signatory parties\n\n1. Ministry A (Armenia)\n2. Zorozion Prime\n');
    expect(markdown).toContain('## Awaiting verification (not in the public list)');
    expect(markdown).toContain('Signed checkpoint #4 (2025-12-31T00:00:00.000Z) vouches for records 1–118.');
  });

  it('marks the public version and says so when the chain does not verify', () => {
    const markdown = renderMarkdown(
      sample({ variant: 'public', integrity: { records: 3, headSeq: 3, headHash: null, chainVerified: false, firstBreak: { seq: 2, problem: 'hash_mismatch', message: 'record 2 was altered' }, checkpoint: null } }),
    );
    expect(markdown).toContain('Public version: only what this contribution makes public.');
    expect(markdown).toContain('Its hash chain does NOT verify: record 2 was altered.');
  });

  it('escapes what would otherwise be markup', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> #h')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> #h');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
  });
});

describe('HTML rendering', () => {
  it('is a printable page with the same content, every text escaped', () => {
    const html = renderHtml(sample({ contribution: { ...sample().contribution, title: '<script>alert(1)</script>' } }));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<p class="stage" data-stage="online-form">1 August 2024 – 14 March 2025 – the online form was open to all stakeholders; 96 submissions were received.</p>');
    expect(html).toContain('<td>31 January 2025 → 14 March 2025</td>');
    expect(html).toContain('<ol class="signatories"><li value="1">Ministry A (Armenia)</li><li value="2">Zorozion Prime</li></ol>');
  });
});
