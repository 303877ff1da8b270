/**
 * Text changes as editors report them, applied to a string exactly as an open document applies them
 * (`document.ts`), so that a copy of the text kept elsewhere (the desktop's worker client) stays the same.
 */
import type { TextChange } from './document';

/** Keeps a change inside the text it applies to, so a stale offset can never corrupt the tree. */
export function clampChange(text: string, change: TextChange): TextChange {
  const start = Math.max(0, Math.min(text.length, Math.floor(change.start)));
  const end = Math.max(start, Math.min(text.length, Math.floor(change.end)));
  return start === change.start && end === change.end ? change : { start, end, text: change.text };
}

/** The text one change leaves, the change already clamped into it (`clampChange`). */
export function spliced(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** The text `changes` leave, as `AnalyzedDocument.update` applies them (offsets clamped into the text). */
export function applyChanges(text: string, changes: readonly TextChange[] | string): string {
  if (typeof changes === 'string') return changes;
  let result = text;
  for (const raw of changes) result = spliced(result, clampChange(result, raw));
  return result;
}
