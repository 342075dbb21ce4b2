import { diffArrays, diffWords } from 'diff';
import type { Paragraph } from './paragraph-lineage.util';

export type ParagraphChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface WordChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface ParagraphDiff {
  paragraphId: string;
  status: ParagraphChange;
  /** Position (1-based) and text in the older version; null for an added paragraph. */
  before: { position: number; text: string } | null;
  after: { position: number; text: string } | null;
  /** The paragraph is in both versions but its order relative to the others changed. */
  moved: boolean;
  /** Word by word, for a changed paragraph. */
  words?: WordChange[];
}

export interface TextDiff {
  paragraphs: ParagraphDiff[];
  summary: Record<ParagraphChange | 'moved', number>;
}

/**
 * Compares two versions paragraph by paragraph, matching paragraphs by their stable id (not by
 * text), in the order of the newer version; a removed paragraph is shown after the paragraph that
 * preceded it in the older version. Changed paragraphs carry a word-level diff.
 */
export function diffParagraphs(before: Paragraph[], after: Paragraph[]): TextDiff {
  const oldIndex = new Map(before.map((p, i) => [p.id, i]));
  const newIds = new Set(after.map((p) => p.id));
  const commonOld = before.filter((p) => newIds.has(p.id)).map((p) => p.id);
  const commonNew = after.filter((p) => oldIndex.has(p.id)).map((p) => p.id);
  const inOrder = new Set(diffArrays(commonOld, commonNew).flatMap((part) => (part.added || part.removed ? [] : part.value)));

  const entries: ParagraphDiff[] = after.map((paragraph, i) => {
    const at = oldIndex.get(paragraph.id);
    if (at === undefined) return { paragraphId: paragraph.id, status: 'added', before: null, after: { position: i + 1, text: paragraph.text }, moved: false };
    const old = before[at];
    const changed = old.text !== paragraph.text;
    return {
      paragraphId: paragraph.id,
      status: changed ? 'changed' : 'unchanged',
      before: { position: at + 1, text: old.text },
      after: { position: i + 1, text: paragraph.text },
      moved: !inOrder.has(paragraph.id),
      ...(changed ? { words: wordChanges(old.text, paragraph.text) } : {}),
    };
  });

  // Removed paragraphs go right after the closest preceding paragraph of the old version that survived.
  const result = [...entries];
  const removed = before.map((p, i) => ({ p, i })).filter(({ p }) => !newIds.has(p.id));
  let insertedAtStart = 0;
  const insertedAfter = new Map<string, number>();
  for (const { p, i } of removed) {
    const anchor = [...before.slice(0, i)].reverse().find((candidate) => newIds.has(candidate.id));
    const entry: ParagraphDiff = { paragraphId: p.id, status: 'removed', before: { position: i + 1, text: p.text }, after: null, moved: false };
    if (!anchor) {
      result.splice(insertedAtStart++, 0, entry);
      continue;
    }
    const offset = insertedAfter.get(anchor.id) ?? 0;
    const anchorAt = result.findIndex((candidate) => candidate.paragraphId === anchor.id);
    result.splice(anchorAt + 1 + offset, 0, entry);
    insertedAfter.set(anchor.id, offset + 1);
  }

  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0, moved: 0 };
  for (const entry of result) {
    summary[entry.status]++;
    if (entry.moved) summary.moved++;
  }
  return { paragraphs: result, summary };
}

function wordChanges(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}
