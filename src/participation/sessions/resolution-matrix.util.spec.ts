import { matrixCsv, MatrixComment, resolutionMatrix } from './resolution-matrix.util';

const base: Omit<MatrixComment, 'commentId' | 'stageId' | 'stageTitle' | 'paragraphPosition' | 'submittedAt'> = {
  versionNumber: 2,
  paragraphId: 'p',
  paragraphText: 'emphasize that the development, transfer and use of ICTs',
  organisation: 'RIPE NCC',
  text: 'Refer to the multistakeholder model',
  proposedText: null,
  status: 'active',
  disposition: null,
  rationale: null,
  session: null,
};
const session = { id: 's', date: '2025-04-24', body: 'RCC Working Group on Cooperation with ITU' };

describe('resolutionMatrix', () => {
  const comments: MatrixComment[] = [
    { ...base, commentId: 'c3', stageId: 'declaration-comments', stageTitle: 'Comments', paragraphPosition: 4, submittedAt: new Date('2025-04-01T10:00:00Z'), disposition: 'not_accepted', rationale: 'outside the scope', session },
    { ...base, commentId: 'c2', stageId: 'declaration-comments', stageTitle: 'Comments', paragraphPosition: null, paragraphId: null, paragraphText: null, submittedAt: new Date('2025-04-02T10:00:00Z'), disposition: 'accepted_with_changes', rationale: 'merged', session },
    { ...base, commentId: 'c1', stageId: 'proposals', stageTitle: 'Proposals', versionNumber: 1, paragraphPosition: 2, submittedAt: new Date('2025-01-10T10:00:00Z') },
    { ...base, commentId: 'c4', stageId: 'declaration-comments', stageTitle: 'Comments', paragraphPosition: 4, submittedAt: new Date('2025-03-01T10:00:00Z'), status: 'withdrawn' },
  ];

  it('orders by round as the workflow defines them, then paragraph (whole text first), then time', () => {
    expect(resolutionMatrix(comments, ['proposals', 'declaration-comments']).map((row) => row.commentId)).toEqual(['c1', 'c2', 'c4', 'c3']);
  });

  it('gives every comment its disposition, "pending" before a session decided, "withdrawn" for a withdrawn one', () => {
    const rows = resolutionMatrix(comments, ['proposals', 'declaration-comments']);
    expect(rows.map((row) => [row.commentId, row.paragraph, row.disposition, row.rationale, row.session?.date ?? null])).toEqual([
      ['c1', '2', 'pending', '', null],
      ['c2', 'whole text', 'accepted with changes', 'merged', '2025-04-24'],
      ['c4', '4', 'withdrawn', '', null],
      ['c3', '4', 'not accepted', 'outside the scope', '2025-04-24'],
    ]);
  });

  it('writes CSV with a header and quoting for commas, quotes and line breaks', () => {
    const rows = resolutionMatrix([{ ...comments[0], text: 'Say "open", not\nclosed' }], ['declaration-comments']);
    const csv = matrixCsv(rows);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('round,version,paragraph,paragraph_text,organisation,comment,proposed_text,submitted_at,disposition,rationale,session_date,session_body,comment_id');
    expect(csv).toContain('"Say ""open"", not\nclosed"');
    expect(csv).toContain(',not accepted,outside the scope,2025-04-24,RCC Working Group on Cooperation with ITU,c3\n');
  });
});
