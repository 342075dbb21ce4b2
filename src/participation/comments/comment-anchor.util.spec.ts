import { locateParagraph } from './comment-anchor.util';

const newer = [
  { id: 'p2', text: 'encourage international and regional cooperation among all stakeholders' },
  { id: 'p1', text: 'emphasize that the development and use of ICTs should comply with international law' },
];

describe('locateParagraph', () => {
  it('finds a kept paragraph by id, even when it moved and was reworded', () => {
    expect(locateParagraph('p1', 'emphasize that the development of ICTs should comply with national legislation', newer)).toEqual({
      status: 'changed',
      position: 2,
      text: newer[1].text,
    });
  });

  it('says unchanged when the text is the same', () => {
    expect(locateParagraph('p2', newer[0].text, newer)).toEqual({ status: 'unchanged', position: 1, text: newer[0].text });
  });

  it('says removed when the newer version no longer has it', () => {
    expect(locateParagraph('p9', 'gone', newer)).toEqual({ status: 'removed', position: null, text: null });
  });
});
