export interface ParagraphInput {
  id?: string;
  text: string;
}

export interface Paragraph {
  id: string;
  text: string;
}

export type LineageResult = { ok: true; paragraphs: Paragraph[]; kept: number; added: number } | { ok: false; index: number; field: 'id'; message: string };

/**
 * Gives every paragraph of a new version its stable id: a paragraph the client kept or edited
 * carries the id it had (it must be one this contribution already knows, once per version);
 * a new paragraph gets a fresh id.
 */
export function assignParagraphIds(input: ParagraphInput[], known: ReadonlySet<string>, freshId: () => string): LineageResult {
  const seen = new Set<string>();
  const paragraphs: Paragraph[] = [];
  let kept = 0;
  for (const [index, paragraph] of input.entries()) {
    if (paragraph.id === undefined) {
      paragraphs.push({ id: freshId(), text: paragraph.text });
      continue;
    }
    const id = paragraph.id.toLowerCase();
    if (!known.has(id)) return { ok: false, index, field: 'id', message: `paragraph ${id} is not in any version of this contribution; leave id out for a new paragraph` };
    if (seen.has(id)) return { ok: false, index, field: 'id', message: `paragraph ${id} appears twice; a paragraph is kept once per version` };
    seen.add(id);
    kept++;
    paragraphs.push({ id, text: paragraph.text });
  }
  return { ok: true, paragraphs, kept, added: paragraphs.length - kept };
}
