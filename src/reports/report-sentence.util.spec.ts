import {
  DEFAULT_SENTENCES,
  eventPhrase,
  eventsPhrase,
  leadingDate,
  outcomePhrase,
  presentersPhrase,
  recipientPhrase,
  renderSentence,
} from './report-sentence.util';

describe('report sentences', () => {
  it('fills a definition’s own wording, as in the shipped RCC workflow', () => {
    const template = '{date} – the {body} {outcome} the Declaration and resolved to publish it to facilitate its endorsement by other organizations.';
    expect(renderSentence(template, { date: '21 May 2025', body: 'RCC Board of the Communications Administrations Heads', outcome: outcomePhrase('endorsed') })).toBe(
      '21 May 2025 – the RCC Board of the Communications Administrations Heads endorsed the Declaration and resolved to publish it to facilitate its endorsement by other organizations.',
    );
  });

  it('leaves an unknown or unfilled placeholder visible instead of dropping it', () => {
    expect(renderSentence('{date} – the {bodyy} met.', { date: '1 March 2025' })).toBe('1 March 2025 – the {bodyy} met.');
  });

  it('capitalises a sentence that starts with a word', () => {
    expect(renderSentence('{dates} – x', { dates: 'from 21 May 2025' })).toBe('From 21 May 2025 – x');
  });

  it('tells which date a template leads with', () => {
    expect(leadingDate('{dates} – the {body} met on {date}')).toBe('dates');
    expect(leadingDate('{date} – the {body} met')).toBe('date');
    expect(leadingDate('The {body} met')).toBeUndefined();
  });

  it('has a default sentence for every kind that appears in a report', () => {
    for (const [kind, sentence] of Object.entries(DEFAULT_SENTENCES)) {
      if (kind === 'parallel' || kind === 'final') expect(sentence).toBeNull();
      else expect(leadingDate(sentence!)).toBeDefined();
    }
  });

  it('words outcomes, presenters, events and recipients', () => {
    expect(outcomePhrase('noted')).toBe('took note of');
    expect(outcomePhrase('returned')).toBe('returned for revision');
    expect(presentersPhrase([])).toBe('');
    expect(presentersPhrase(['RIPE NCC'])).toBe(', during which RIPE NCC presented its proposals');
    expect(presentersPhrase(['A', 'B', 'C'])).toBe(', during which A, B and C presented their proposals');
    expect(eventsPhrase([{ name: 'Global Digital Forum', location: 'Nizhny Novgorod, Russian Federation' }])).toBe(
      ' during the Global Digital Forum (Nizhny Novgorod, Russian Federation)',
    );
    expect(eventPhrase({ name: 'the WSIS+20 High-Level Event 2025', location: 'Geneva, Switzerland' })).toBe('WSIS+20 High-Level Event 2025 (Geneva, Switzerland)');
    expect(
      recipientPhrase({
        recipient: '80th session of the United Nations General Assembly',
        agendaItem: '15',
        agendaTitle: 'Information and communications technologies for sustainable development',
      }),
    ).toBe('80th session of the United Nations General Assembly under agenda item 15 “Information and communications technologies for sustainable development”');
  });
});
