/**
 * Inlay hints as plain data: after each place a layer is applied, a short label with its output shape and
 * parameter count (`→ (None, 784, 4) · 8 params`, `?` for what we cannot know) and a tooltip with the detail;
 * applications at the same place (a loop) share one hint. Converting to editor types is the adapter's job.
 */
import type { FileAnalysis, LayerSite, Position } from '../model';
import { formatOutput, formatShape, formatShortShape, paramsLabel, weightArithmetic } from './format';

export interface HintItem {
  /** Where the hint sits: just after the layer expression. */
  readonly offset: number;
  readonly position: Position;
  readonly label: string;
  /** Plain-text detail for the hint's tooltip. */
  readonly tooltip: string;
}

export interface HintOptions {
  readonly showParams: boolean;
  /** Only the hints on these lines (0-based, inclusive), as an editor asks for what is on screen. */
  readonly lines?: { readonly from: number; readonly to: number };
}

function siteLabel(site: LayerSite, options: HintOptions): string {
  if (site.error) return '⚠ shape error';
  const shape = formatOutput(site.outputShape, formatShortShape);
  return options.showParams ? `${shape} · ${paramsLabel(site.params)}` : shape;
}

function siteTooltip(site: LayerSite): string {
  const input = site.inputShapes ? site.inputShapes.map(formatShape).join(', ') : '?';
  const lines = [`${site.layerName} (${site.className}): ${input} → ${formatOutput(site.outputShape)}`];
  if (site.weights.length > 0) lines.push(`${site.weights.map(weightArithmetic).join(', ')} → ${paramsLabel(site.params)}`);
  if (site.error) lines.push(site.error);
  else if (site.note) lines.push(`Unknown here: ${site.note}.`);
  return lines.join('\n');
}

export function inlayHints(analysis: FileAnalysis, options: HintOptions = { showParams: true }): HintItem[] {
  const byOffset = new Map<number, LayerSite[]>();
  const lines = options.lines;
  for (const site of analysis.sites) {
    // A hint sits where its site ends: the lines asked for are those of the ends.
    if (lines && (site.span.endLine < lines.from || site.span.endLine > lines.to)) continue;
    const group = byOffset.get(site.span.end) ?? [];
    group.push(site);
    byOffset.set(site.span.end, group);
  }
  return [...byOffset.values()].map((sites) => {
    // A loop applies different layers at the same place: one hint lists each application once.
    const labels = [...new Set(sites.map((s) => siteLabel(s, options)))];
    return {
      offset: sites[0].span.end,
      position: { line: sites[0].span.endLine, column: sites[0].span.endColumn },
      label: `→ ${labels.join(' | ')}`,
      tooltip: sites.map(siteTooltip).join('\n\n'),
    };
  });
}
