import type { Paragraph } from '../texts/paragraph-lineage.util';

export interface ParagraphNow {
  status: 'unchanged' | 'changed' | 'removed';
  /** 1-based position in the newer version; null once removed. */
  position: number | null;
  text: string | null;
}

/** Where the paragraph a comment was about is in a newer version: same id, found by identity, not by text. */
export function locateParagraph(paragraphId: string, textThen: string, newer: Paragraph[]): ParagraphNow {
  const index = newer.findIndex((paragraph) => paragraph.id === paragraphId);
  if (index < 0) return { status: 'removed', position: null, text: null };
  const text = newer[index].text;
  return { status: text === textThen ? 'unchanged' : 'changed', position: index + 1, text };
}
