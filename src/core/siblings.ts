/**
 * Analysis of a file together with the sibling modules it imports: the analysis says which modules it
 * wants (`FileAnalysis.imports`), the caller's `read` supplies them (from the file system in the CLI,
 * `vscode.workspace.fs` in the editor), and the file is analysed again until nothing new is wanted.
 */
import type { FileAnalysis } from './model';
import type { AnalysisOptions } from './analyze';

/** Reads a sibling by module key (`helpers`, `pkg/__init__`); null when there is no such module. */
export type ModuleReader = (key: string) => Promise<string | null> | string | null;

/** Enough rounds for chains of imports; each round is one re-analysis. */
const MAX_ROUNDS = 16;

export async function analyzeWithSiblings(
  analyze: (text: string, options: AnalysisOptions) => FileAnalysis,
  text: string,
  read: ModuleReader,
  options: AnalysisOptions = {},
): Promise<FileAnalysis> {
  const modules = new Map(options.modules ?? []);
  const readWanted = async (wanted: readonly string[]): Promise<boolean> => {
    const missing = wanted.filter((key) => !modules.has(key));
    const sources = await Promise.all(missing.map(async (key) => [key, await read(key)] as const));
    for (const [key, source] of sources) modules.set(key, source);
    return missing.length > 0;
  };
  // The imports alone first: most of what a file wants is known before any model is built.
  await readWanted(analyze(text, { ...options, modules, importsOnly: true }).imports);
  let analysis = analyze(text, { ...options, modules });
  for (let round = 0; round < MAX_ROUNDS && (await readWanted(analysis.imports)); round++) {
    analysis = analyze(text, { ...options, modules });
  }
  return analysis;
}
