/**
 * The text Keras 3 prints for `model.summary()`, byte for byte, built from a `ModelReport`
 * (mirrors `keras/src/utils/summary_utils.py`). Which rows exist, their shapes and counts, and whether the
 * "Connected to" column is shown are decided by the analysis; the table drawing lives in `table.ts`.
 */

import type { Count, Dim, LayerReport, ModelReport, Shape } from '../model';
import { renderTable, type TableColumn } from './table';

/** Shown wherever a count or a shape cannot be known statically (Keras itself shows `?` for unknown shapes). */
const UNKNOWN = '?';

const MEMORY_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Keras' `print_summary` layouts: total width and where each column ends, as fractions of the width. */
const SEQUENTIAL_LAYOUT = { width: 88, positions: [0.45, 0.8, 1.0] } as const;
const CONNECTED_LAYOUT = { width: 108, positions: [0.3, 0.56, 0.74, 1.0] } as const;

/** An integer with thousands separators, as Python's `f"{n:,}"`; `?` when unknown. */
export function formatCount(count: Count): string {
  if (count === null) {
    return UNKNOWN;
  }
  const digits = String(Math.abs(Math.trunc(count)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return count < 0 ? `-${grouped}` : grouped;
}

/**
 * A byte size as Keras' `readable_memory_size` writes it: divided by 1024 until below 1024, two decimals, units
 * B to PB. Sizes in whole bits (Keras counts bits over 8: a bool is one) are computed exactly, so halves round
 * to even as Python's `{:.2f}` does (1,152 B is `1.12 KB`, where JavaScript's `toFixed` would say 1.13).
 */
export function readableMemorySize(bytes: number): string {
  const bits = bytes * 8;
  if (Number.isSafeInteger(bits) && bits >= 0) {
    const value = BigInt(bits);
    let divisor = 8n;
    for (const unit of MEMORY_UNITS) {
      if (value < divisor * 1024n) {
        return `${exactTwoDecimals(value, divisor)} ${unit}`;
      }
      divisor *= 1024n;
    }
    // Keras divides once more than it has units for, and still labels the result PB.
    return `${exactTwoDecimals(value, divisor)} PB`;
  }
  let size = bytes;
  for (const unit of MEMORY_UNITS) {
    if (size / 1024 < 1) {
      return `${size.toFixed(2)} ${unit}`;
    }
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

/** `numerator / denominator` with two decimals, halves rounded to even. */
function exactTwoDecimals(numerator: bigint, denominator: bigint): string {
  const scaled = numerator * 100n;
  let hundredths = scaled / denominator;
  const twiceRemainder = 2n * (scaled % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && hundredths % 2n === 1n)) {
    hundredths += 1n;
  }
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** A count with its size, as in the footer: `195 (780.00 B)`; `?` for what is unknown. */
function countWithSize(count: Count, bytes: number | null): string {
  return count === null ? UNKNOWN : `${formatCount(count)} (${bytes === null ? UNKNOWN : readableMemorySize(bytes)})`;
}

function formatDim(dim: Dim): string {
  if (dim === null) {
    return 'None';
  }
  // A string dimension is our static "unknown" marker (`?`, `x_train.shape[1]`); it is shown as written.
  return String(dim);
}

/** Keras joins the dims itself, so a rank-1 shape prints `(None)`, not Python's `(None,)`. */
function formatShape(shape: Shape): string {
  return `(${shape.map(formatDim).join(', ')})`;
}

function isShapeList(shape: Shape | readonly Shape[]): shape is readonly Shape[] {
  return shape.length > 0 && shape.every((element) => Array.isArray(element));
}

/**
 * The Output Shape cell: `?` when unknown; one output as `(None, 4)`; several as Python prints a list of them
 * with the quotes removed, `[(None, 4), (None, 4)]` (Keras' `format_layer_shape`), or, for a model's own
 * `output_shape`, as `format_shape` prints it, `((None, 4), (None, 4))`.
 */
export function formatOutputShape(shape: Shape | readonly Shape[] | null, asTuple = false): string {
  if (shape === null) {
    return UNKNOWN;
  }
  if (!isShapeList(shape)) {
    return formatShape(shape);
  }
  if (shape.length === 1) {
    return formatShape(shape[0]);
  }
  const shapes = shape.map(formatShape).join(', ');
  return asTuple ? `(${shapes})` : `[${shapes}]`;
}

/** The Param # cell: Keras writes `0 (unbuilt)` for a layer that has no weights yet. */
function formatLayerParams(layer: LayerReport): string {
  // Unknown whether it was built (a Sequential whose first layer is not known): its size is unknown too.
  return layer.built || layer.params === null ? formatCount(layer.params) : '0 (unbuilt)';
}

function formatConnections(layer: LayerReport): string {
  const connections = layer.connectedTo ?? [];
  if (connections.length === 0) {
    return '-';
  }
  return connections.map((c) => `${c.layer}[${c.nodeIndex}][${c.tensorIndex}]`).join(', ');
}

/** The exact text of Keras 3's `model.summary()` for this model, ending with a newline. */
export function renderSummary(model: ModelReport): string {
  const layout = model.showConnections ? CONNECTED_LAYOUT : SEQUENTIAL_LAYOUT;
  const columns: TableColumn[] = [
    { header: 'Layer (type)', justify: 'left' },
    { header: 'Output Shape', justify: 'left' },
    { header: 'Param #', justify: 'right' },
  ];
  if (model.showConnections) {
    columns.push({ header: 'Connected to', justify: 'left' });
  }
  const rows = model.layers.map((layer) => {
    const row = [`${layer.name} (${layer.className})`, formatOutputShape(layer.outputShape, layer.outputsAsTuple), formatLayerParams(layer)];
    if (model.showConnections) {
      row.push(formatConnections(layer));
    }
    return row;
  });
  const lines = [
    `Model: "${model.name}"`,
    ...renderTable(columns, rows, layout.width, layout.positions),
    ` Total params: ${countWithSize(model.totalParams, model.totalBytes)}`,
    ` Trainable params: ${countWithSize(model.trainableParams, model.trainableBytes)}`,
    ` Non-trainable params: ${countWithSize(model.nonTrainableParams, model.nonTrainableBytes)}`,
  ];
  return lines.map((line) => `${line}\n`).join('');
}
