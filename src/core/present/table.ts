/**
 * Draws a text table the way the `rich` library does for Keras' `model.summary()`: a heavy-headed box, one space of
 * padding, a rule between rows, cell text word-wrapped and cut with "…". It knows nothing of Keras; `summary.ts`
 * decides the columns and the contents.
 */

export type Justify = 'left' | 'right';

export interface TableColumn {
  readonly header: string;
  readonly justify: Justify;
}

/** The box characters of rich's `box.HEAVY_HEAD`, which Keras' table uses by default. */
const BOX = {
  top: { left: '┏', fill: '━', divider: '┳', right: '┓' },
  header: { left: '┃', divider: '┃', right: '┃' },
  headerRule: { left: '┡', fill: '━', divider: '╇', right: '┩' },
  body: { left: '│', divider: '│', right: '│' },
  rowRule: { left: '├', fill: '─', divider: '┼', right: '┤' },
  bottom: { left: '└', fill: '─', divider: '┴', right: '┘' },
} as const;

/** rich pads every cell with one space on each side (`padding=(0, 1)`). */
const CELL_PADDING = 1;
const ELLIPSIS = '…';

/**
 * Keras' column widths (`print_summary`): each column ends at `floor(position * lineLength)`. These are the widths
 * Keras asks for; rich then adds padding and shrinks them to fit (see `fitColumns`).
 */
export function requestedColumnWidths(lineLength: number, positions: readonly number[]): number[] {
  const widths: number[] = [];
  let current = 0;
  for (const position of positions) {
    const width = Math.trunc(position * lineLength) - current;
    widths.push(width);
    current += width;
  }
  return widths;
}

/**
 * rich's `Table._calculate_column_widths` for fixed-width columns: each column takes its width plus padding; if the
 * total exceeds the table width less the borders, the excess is taken evenly from all columns ("last resort" in
 * rich, since fixed columns are not wrappable). Returns widths including padding, excluding borders.
 */
function fitColumns(requested: readonly number[], tableWidth: number): number[] {
  const borders = 2 + (requested.length - 1);
  const available = tableWidth - borders;
  const widths = requested.map((width) => width + 2 * CELL_PADDING);
  const excess = widths.reduce((sum, width) => sum + width, 0) - available;
  if (excess <= 0) {
    return widths;
  }
  // rich's `ratio_reduce` with equal ratios; Python's round() rounds halves to even, which decides who loses the
  // odd column of an uneven split (e.g. 38/29/17 for Keras' 88-wide table).
  let remaining = excess;
  let remainingRatio = widths.length;
  return widths.map((width) => {
    const taken = Math.min(width, roundHalfToEven(remaining, remainingRatio));
    remaining -= taken;
    remainingRatio -= 1;
    return width - taken;
  });
}

/** `round(numerator / denominator)` as Python computes it for small non-negative integers. */
function roundHalfToEven(numerator: number, denominator: number): number {
  const floor = Math.floor(numerator / denominator);
  const twiceRemainder = 2 * (numerator - floor * denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && floor % 2 === 1)) {
    return floor + 1;
  }
  return floor;
}

/**
 * Where rich's `divide_line` breaks a line of `width` cells without folding: a word is a run of non-space
 * characters with its trailing spaces; a word that does not fit moves to a new line, and a word longer than a
 * whole line gets a line of its own (to be cut with "…" later).
 */
function breakOffsets(text: string, width: number): number[] {
  const breaks: number[] = [];
  const word = /\s*\S+\s*/y;
  let offset = 0;
  let match: RegExpExecArray | null;
  while ((match = word.exec(text)) !== null) {
    const start = match.index;
    const length = match[0].length;
    const visibleLength = match[0].trimEnd().length;
    if (width - offset >= visibleLength) {
      offset += length;
    } else if (visibleLength > width || (offset > 0 && start > 0)) {
      if (start > 0) {
        breaks.push(start);
      }
      offset = length;
    }
  }
  return breaks;
}

/** rich's `Text.truncate` with the column's default "ellipsis" overflow. */
function truncate(line: string, width: number): string {
  return line.length > width ? line.slice(0, Math.max(0, width - 1)) + ELLIPSIS : line;
}

/**
 * The lines of one cell, each exactly `width` characters (padding excluded). Mirrors rich's `Text.wrap`: break into
 * lines, drop trailing spaces that overflow, cut what still overflows with "…", then justify.
 */
export function wrapCell(text: string, width: number, justify: Justify): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const offsets = [0, ...breakOffsets(paragraph, width), paragraph.length];
    for (let i = 0; i + 1 < offsets.length; i++) {
      let line = paragraph.slice(offsets[i], offsets[i + 1]);
      if (line.length > width) {
        // rich's `rstrip_end`: only the trailing spaces beyond the width are dropped.
        const trailing = line.length - line.trimEnd().length;
        line = line.slice(0, line.length - Math.min(trailing, line.length - width));
      }
      if (justify === 'right') {
        line = truncate(line.trimEnd(), width);
        lines.push(line.padStart(width));
      } else {
        line = truncate(line, width);
        lines.push(line.padEnd(width));
      }
    }
  }
  return lines;
}

interface Rule {
  readonly left: string;
  readonly fill: string;
  readonly divider: string;
  readonly right: string;
}

interface Edges {
  readonly left: string;
  readonly divider: string;
  readonly right: string;
}

function rule(widths: readonly number[], box: Rule): string {
  return box.left + widths.map((width) => box.fill.repeat(width)).join(box.divider) + box.right;
}

/**
 * The lines of one table row. Cells shorter than the row are filled with blank lines: at the bottom for body rows,
 * at the top for the header (rich aligns header cells to the bottom).
 */
function rowLines(
  cells: readonly string[],
  columns: readonly TableColumn[],
  widths: readonly number[],
  edges: Edges,
  alignBottom: boolean,
): string[] {
  const padding = ' '.repeat(CELL_PADDING);
  const wrapped = cells.map((cell, i) => wrapCell(cell, widths[i] - 2 * CELL_PADDING, columns[i].justify));
  const height = Math.max(1, ...wrapped.map((lines) => lines.length));
  const filled = wrapped.map((lines, i) => {
    const blank = Array<string>(height - lines.length).fill(' '.repeat(widths[i] - 2 * CELL_PADDING));
    return alignBottom ? [...blank, ...lines] : [...lines, ...blank];
  });
  const result: string[] = [];
  for (let line = 0; line < height; line++) {
    const parts = filled.map((lines) => padding + lines[line] + padding);
    result.push(edges.left + parts.join(edges.divider) + edges.right);
  }
  return result;
}

/**
 * Renders a table of `tableWidth` characters whose columns end at the given relative `positions`, as Keras'
 * `print_summary` builds it with `show_lines=True`. Returns the lines without line breaks.
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  tableWidth: number,
  positions: readonly number[],
): string[] {
  const widths = fitColumns(requestedColumnWidths(tableWidth, positions), tableWidth);
  const lines = [rule(widths, BOX.top)];
  lines.push(...rowLines(columns.map((column) => column.header), columns, widths, BOX.header, true));
  lines.push(rule(widths, BOX.headerRule));
  rows.forEach((row, index) => {
    if (index > 0) {
      lines.push(rule(widths, BOX.rowRule));
    }
    lines.push(...rowLines(row, columns, widths, BOX.body, false));
  });
  lines.push(rule(widths, BOX.bottom));
  return lines;
}
