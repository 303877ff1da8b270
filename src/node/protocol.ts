/**
 * The messages between the desktop extension's thread and its analysis worker (`analysisWorker.ts`). Requests
 * are answered in the order they are posted, each by its sequence number.
 */
import type { AnalysisOptions, Query, TextChange } from '../core';

/** `open` and `update` are answered with the imports the new analysis wants, `ask` with the query's answer. */
export type Request =
  | { readonly kind: 'open'; readonly seq: number; readonly document: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'update'; readonly seq: number; readonly document: number; readonly changes: readonly TextChange[] | string; readonly options: AnalysisOptions }
  | { readonly kind: 'ask'; readonly seq: number; readonly document: number; readonly query: Query }
  | { readonly kind: 'close'; readonly document: number };

export type Reply = { readonly seq: number; readonly answer: unknown } | { readonly seq: number; readonly error: string };
