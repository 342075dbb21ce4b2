import { diffParagraphs } from './paragraph-diff.util';

const p = (id: string, text: string) => ({ id, text });

describe('diffParagraphs', () => {
  it('matches paragraphs by id and tells added, removed, changed and unchanged apart, in the newer order', () => {
    const before = [p('a', 'recognizing that digitalization has penetrated all spheres'), p('b', 'noting the dependence on ICTs'), p('c', 'welcoming the Convention')];
    const after = [p('a', 'recognizing that digitalization has deeply penetrated all spheres'), p('n', 'mindful of the goal of a digital future for all'), p('c', 'welcoming the Convention')];
    const { paragraphs, summary } = diffParagraphs(before, after);
    expect(paragraphs.map((d) => [d.paragraphId, d.status, d.before?.position ?? null, d.after?.position ?? null])).toEqual([
      ['a', 'changed', 1, 1],
      ['b', 'removed', 2, null],
      ['n', 'added', null, 2],
      ['c', 'unchanged', 3, 3],
    ]);
    expect(summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1, moved: 0 });
    expect(paragraphs[0].words).toEqual([
      { op: 'equal', text: 'recognizing that digitalization has ' },
      { op: 'insert', text: 'deeply ' },
      { op: 'equal', text: 'penetrated all spheres' },
    ]);
    expect(paragraphs[3].words).toBeUndefined();
  });

  it('does not take a rewritten paragraph with the same id for a removal and an addition', () => {
    const { paragraphs } = diffParagraphs([p('a', 'one two three')], [p('a', 'completely different words')]);
    expect(paragraphs.map((d) => d.status)).toEqual(['changed']);
  });

  it('marks as moved the fewest paragraphs that explain a new order, and puts a removed first paragraph first', () => {
    const { paragraphs, summary } = diffParagraphs([p('x', 'gone'), p('a', 'A'), p('b', 'B'), p('c', 'C')], [p('b', 'B'), p('a', 'A'), p('c', 'C')]);
    expect(paragraphs.map((d) => [d.paragraphId, d.status, d.moved])).toEqual([
      ['x', 'removed', false],
      ['b', 'unchanged', false],
      ['a', 'unchanged', true],
      ['c', 'unchanged', false],
    ]);
    expect(summary.moved).toBe(1);
  });

  it('keeps several removed paragraphs in their old order after the same anchor', () => {
    const { paragraphs } = diffParagraphs([p('a', 'A'), p('r1', 'R1'), p('r2', 'R2'), p('b', 'B')], [p('a', 'A'), p('b', 'B')]);
    expect(paragraphs.map((d) => d.paragraphId)).toEqual(['a', 'r1', 'r2', 'b']);
  });
});
