/**
 * Hovers as Markdown: on a layer call, the rule with the user's own numbers (input → output, the weights
 * and their arithmetic, the rule's explanation, and for Dense on a multi-axis input how to get
 * `(None, units)` instead); on `input_shape=` what the batch axis is; on a model's name its totals.
 */
import type { FileAnalysis, LayerSite, ModelReport, Shape, Span } from '../model';
import { RULES } from '../infer/rules';
import { formatCount, formatOutput, formatShape, paramsLabel, weightArithmetic } from './format';
import { readableMemorySize } from './summary';

export interface HoverContent {
  readonly markdown: string;
  /** The range the hover describes. */
  readonly span: Span;
}

const inside = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

const code = (text: string) => `\`${text}\``;

/** What Dense would do after a Flatten: the count users expect when they think Dense flattens. */
function flattenAlternative(site: LayerSite): string | null {
  const input = site.inputShapes?.[0];
  const units = site.outputShape && !Array.isArray(site.outputShape[0]) ? (site.outputShape as Shape)[(site.outputShape as Shape).length - 1] : null;
  if (!input || input.length <= 2 || typeof units !== 'number') return null;
  const features = input.slice(1);
  if (!features.every((d): d is number => typeof d === 'number')) return null;
  const flat = features.reduce((p, d) => p * d, 1);
  return (
    `It does not flatten: every position of ${code(formatShape(input.slice(0, -1)))} is multiplied by the same ` +
    `${input[input.length - 1]}×${units} kernel. For ${code(`(None, ${units})`)}, put ${code('Flatten()')} first: ` +
    `Dense would then see ${code(`(None, ${flat})`)} and have ${flat}·${units} + ${units} = ${formatCount(flat * units + units)} params.`
  );
}

function layerHover(site: LayerSite): string {
  const input = site.inputShapes ? site.inputShapes.map((s) => code(formatShape(s))).join(', ') : code('?');
  const parts = [`**${site.layerName}** · ${code(site.className)} — ${input} → ${code(formatOutput(site.outputShape))}`];
  if (site.error) parts.push(`⚠ ${site.error}`);
  if (site.weights.length > 0) {
    parts.push(`${site.weights.map((w) => code(weightArithmetic(w))).join(' + ')} → **${paramsLabel(site.params)}**`);
  } else if (!site.error) {
    parts.push(`**${paramsLabel(site.params)}**`);
  }
  if (site.note) parts.push(`Not known statically: ${site.note}.`);
  const explanation = RULES.get(site.className)?.explain;
  if (explanation) parts.push(explanation);
  if (site.className === 'Dense') {
    const alternative = flattenAlternative(site);
    if (alternative) parts.push(alternative);
  }
  return parts.join('\n\n');
}

function inputShapeHover(site: LayerSite | undefined, keyword: string): string {
  const input = site?.inputShapes?.[0];
  const parts = [
    `${code(keyword)} gives the shape of **one sample**: it excludes the batch axis. Keras adds the batch axis in front, ` +
      `shown as ${code('None')} because the batch size is only known when data arrives.`,
  ];
  if (input) parts.push(`Here the layer receives ${code(formatShape(input))}: batch ${code('None')}, then ${code(formatShape(input.slice(1)))}.`);
  if (site?.className === 'Dense' && input) {
    const last = input[input.length - 1];
    parts.push(
      `Dense maps only the last axis (${last}), so ${input.length > 2 ? `the other axes ${code(formatShape(input.slice(1, -1)))} are kept` : 'the result has one axis per sample'}: ` +
        `output ${code(formatOutput(site.outputShape))}, ${paramsLabel(site.params)}.`,
    );
    const alternative = flattenAlternative(site);
    if (alternative) parts.push(alternative);
  }
  parts.push(`Keras 3 prefers ${code('keras.Input(shape=...)')} as the first element of the model over this argument.`);
  return parts.join('\n\n');
}

function modelHover(model: ModelReport): string {
  const bytes = (size: number | null) => (size === null ? '' : ` (${readableMemorySize(size)})`);
  return [
    `**${model.name}** · ${code(model.className)} (${model.kind}${model.built ? '' : ', unbuilt'}), ${model.layers.length} layers`,
    `Total params: **${formatCount(model.totalParams)}**${bytes(model.totalBytes)}  \n` +
      `Trainable: ${formatCount(model.trainableParams)}${bytes(model.trainableBytes)}  \n` +
      `Non-trainable: ${formatCount(model.nonTrainableParams)}${bytes(model.nonTrainableBytes)}`,
    'Run **Keras: Show Model Summary** for the full table.',
  ].join('\n\n');
}

/** The identifier around `offset` in `text`, with its span. */
function wordAt(text: string, offset: number): { word: string; start: number; end: number } | null {
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (isWord(text[end])) end++;
  return end > start ? { word: text.slice(start, end), start, end } : null;
}

function pointSpan(text: string, start: number, end: number): Span {
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  const from = position(start);
  const to = position(end);
  return { start, end, startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

/** The hover at `offset` of the analysed `text`, or null where there is nothing to say. */
export function hoverAt(analysis: FileAnalysis, text: string, offset: number): HoverContent | null {
  const keyword = analysis.issues.find((i) => i.code === 'deprecated-input-shape' && inside(i.span, offset));
  if (keyword) {
    const site = analysis.sites.find((s) => s.span.start <= keyword.span.start && keyword.span.end <= s.span.end);
    const name = text.slice(keyword.span.start, keyword.span.end).split('=')[0].trim() || 'input_shape';
    return { markdown: inputShapeHover(site, name), span: keyword.span };
  }
  const sites = analysis.sites.filter((s) => inside(s.calleeSpan, offset));
  if (sites.length > 0) {
    // A loop applies the layer several times here: each different application is shown once.
    const markdowns = [...new Set(sites.map(layerHover))];
    return { markdown: markdowns.join('\n\n---\n\n'), span: sites[0].calleeSpan };
  }
  const word = wordAt(text, offset);
  // The same name may hold several models (in several functions): the nearest one defined above wins.
  const candidates = word ? analysis.models.filter((m) => m.variable === word.word) : [];
  const model = candidates.filter((m) => m.span.start <= offset).pop() ?? candidates[0];
  if (word && model) return { markdown: modelHover(model), span: pointSpan(text, word.start, word.end) };
  return null;
}
