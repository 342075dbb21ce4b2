import { assignParagraphIds } from './paragraph-lineage.util';

const ids = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'];
let counter = 0;
const fresh = () => `f0000000-0000-4000-8000-00000000000${++counter}`;

describe('assignParagraphIds', () => {
  beforeEach(() => (counter = 0));

  it('keeps the ids the client sends and gives new paragraphs fresh ones, in order', () => {
    const result = assignParagraphIds([{ id: ids[1], text: 'edited' }, { text: 'new' }, { id: ids[0].toUpperCase(), text: 'kept' }], new Set(ids), fresh);
    expect(result).toEqual({
      ok: true,
      kept: 2,
      added: 1,
      paragraphs: [
        { id: ids[1], text: 'edited' },
        { id: 'f0000000-0000-4000-8000-000000000001', text: 'new' },
        { id: ids[0], text: 'kept' },
      ],
    });
  });

  it('refuses an id the contribution does not know, naming the paragraph', () => {
    const result = assignParagraphIds([{ text: 'new' }, { id: 'b0000000-0000-4000-8000-000000000009', text: 'x' }], new Set(ids), fresh);
    expect(result).toEqual(expect.objectContaining({ ok: false, index: 1, field: 'id', message: expect.stringContaining('not in any version') }));
  });

  it('refuses the same paragraph twice in one version', () => {
    const result = assignParagraphIds([{ id: ids[0], text: 'x' }, { id: ids[0], text: 'y' }], new Set(ids), fresh);
    expect(result).toEqual(expect.objectContaining({ ok: false, index: 1, message: expect.stringContaining('appears twice') }));
  });
});
