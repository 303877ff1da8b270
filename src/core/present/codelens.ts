/**
 * One CodeLens per model, above the statement that creates it: its name and total parameters, as the
 * entry point to the full summary. The adapter attaches the command.
 */
import type { FileAnalysis, Position } from '../model';
import { formatCount } from './format';
import { readableMemorySize } from './summary';

export interface LensItem {
  /** Where the lens sits: the line of the model's creation. */
  readonly position: Position;
  readonly title: string;
  /** Index into `FileAnalysis.models`. */
  readonly modelIndex: number;
}

export function codeLenses(analysis: FileAnalysis): LensItem[] {
  return analysis.models.map((model, modelIndex) => {
    const size = model.totalBytes === null ? '' : ` (${readableMemorySize(model.totalBytes)})`;
    const built = model.built ? '' : ' · unbuilt';
    return {
      position: { line: model.span.startLine, column: 0 },
      title: `Keras: ${model.name} — ${formatCount(model.totalParams)} params${size}${built} · Show summary`,
      modelIndex,
    };
  });
}
