import { renderSubmissionsPage } from './submissions-page.util';

describe('renderSubmissionsPage', () => {
  const page = {
    contribution: { title: 'Call for inputs on the WSIS+20 review', symbol: null, source: 'CWG-WSIS&SDG' },
    title: 'Online form',
    questions: [{ number: 1, text: 'What are the main achievements of the implementation of the WSIS process in the past 20 years?' }],
    counts: { total: 96, published: 80 },
    submissions: [{ organisation: { name: 'RCC <Executive> Committee', country: 'Russian Federation', stakeholderType: 'international_organisation' }, updatedAt: '2025-01-20T00:00:00Z', answers: [{ question: 1, text: 'The number of Internet users has increased.\nDigitalization has penetrated all spheres.' }] }],
  };

  it('states the counts and shows each published submission with its questions, escaped', () => {
    const html = renderSubmissionsPage(page);
    expect(html).toContain('96 submissions were received; 80 are published here');
    expect(html).toContain('<h3>RCC &lt;Executive&gt; Committee <small>(Russian Federation, International organisation)</small></h3>');
    expect(html).toContain('<h4>1. What are the main achievements');
    expect(html).toContain('<p>Digitalization has penetrated all spheres.</p>');
  });
});
