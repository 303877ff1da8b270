/**
 * `keras.applications.<module>.preprocess_input(x)` on a symbolic tensor: the operations Keras 3 records
 * (`_preprocess_tensor_input` in `keras/src/applications/imagenet_utils.py`), each a row of the functional
 * model named as Keras names it. What it does to arrays at run time is not shapes' business: unknown.
 */
import type { Shape } from '../model';
import type { SyntaxNode } from '../syntax/tree';
import { fail, sourceLabel, type Context } from '../evaluate/context';
import type { CallArguments } from '../evaluate/expressions';
import { NONE, unknown, type PyValue } from '../evaluate/values';
import { applyOp } from './ops';

type Mode = 'caffe' | 'tf' | 'torch';

/**
 * The mode each module's `preprocess_input` hands to `imagenet_utils.preprocess_input`; `identity` for the
 * modules whose models preprocess inside (their `preprocess_input` returns its argument).
 */
const MODES: ReadonlyMap<string, Mode | 'identity'> = new Map<string, Mode | 'identity'>([
  ['resnet', 'caffe'],
  ['resnet50', 'caffe'],
  ['vgg16', 'caffe'],
  ['vgg19', 'caffe'],
  ['densenet', 'torch'],
  ['inception_v3', 'tf'],
  ['inception_resnet_v2', 'tf'],
  ['mobilenet', 'tf'],
  ['mobilenet_v2', 'tf'],
  ['nasnet', 'tf'],
  ['resnet_v2', 'tf'],
  ['xception', 'tf'],
  ['convnext', 'identity'],
  ['efficientnet', 'identity'],
  ['efficientnet_v2', 'identity'],
  ['mobilenet_v3', 'identity'],
]);

/** Whether `keras.applications.<module>` has a `preprocess_input` (`imagenet_utils` has one taking `mode=`). */
export function hasPreprocessInput(module: string): boolean {
  return MODES.has(module) || module === 'imagenet_utils';
}

const ELLIPSIS: PyValue = unknown('...');
const float = (value: number): PyValue => ({ kind: 'float', value });
const int = (value: number): PyValue => ({ kind: 'int', value });
const FULL_SLICE: PyValue = { kind: 'slice', start: NONE, stop: NONE, step: NONE };

/** `preprocess_input(x, data_format=None)` of `module` (and `mode="caffe"` for `imagenet_utils`). */
export function preprocessInput(ctx: Context, module: string, args: CallArguments, node: SyntaxNode): PyValue {
  const x = args.keywords.get('x') ?? args.positional[0];
  const dataFormat = args.keywords.get('data_format') ?? args.positional[1] ?? NONE;
  const given = MODES.get(module);
  if (given === 'identity') return x ?? unknown(sourceLabel(node));
  const modeValue: PyValue = given ? { kind: 'str', value: given } : args.keywords.get('mode') ?? args.positional[2] ?? { kind: 'str', value: 'caffe' };
  if (!x || x.kind !== 'tensor' || modeValue.kind !== 'str' || (dataFormat.kind !== 'none' && dataFormat.kind !== 'str')) return unknown(sourceLabel(node));
  const mode = modeValue.value;
  if (mode !== 'caffe' && mode !== 'tf' && mode !== 'torch') {
    fail(ctx, 'invalid-argument', `Expected mode to be one of \`caffe\`, \`tf\` or \`torch\`. Received: mode=${mode}`, node);
    return unknown(sourceLabel(node));
  }
  const format = dataFormat.kind === 'str' ? dataFormat.value : ctx.state.imageDataFormat;
  if (format === null) return unknown(sourceLabel(node));
  if (format !== 'channels_first' && format !== 'channels_last') {
    fail(ctx, 'invalid-argument', `Expected data_format to be one of \`channels_first\` or \`channels_last\`. Received: data_format=${format}`, node);
    return unknown(sourceLabel(node));
  }
  // Every operation is recorded at this call; its hint is the result's alone.
  const sitesBefore = ctx.state.calls.length;
  const result = preprocessTensor(ctx, x, format, mode, node);
  ctx.state.calls.splice(sitesBefore, Math.max(0, ctx.state.calls.length - sitesBefore - 1));
  return result;
}

/** Keras' `_preprocess_tensor_input`, operation by operation (`x /= 127.5` is `true_divide`, and so on). */
function preprocessTensor(ctx: Context, input: PyValue & { kind: 'tensor' }, format: 'channels_first' | 'channels_last', mode: Mode, node: SyntaxNode): PyValue {
  const op = (name: string, positional: PyValue[], keywords: ReadonlyMap<string, PyValue> = new Map()): PyValue => {
    const args: CallArguments = { positional, firstNode: null, keywords, keywordSpans: new Map() };
    return applyOp(ctx, name, args, node) ?? unknown(sourceLabel(node));
  };
  const ndim = input.tensor.shape?.length ?? null;
  let x: PyValue = input;
  if (mode === 'tf') return op('subtract', [op('true_divide', [x, float(127.5)]), float(1)]);
  if (mode === 'torch') {
    x = op('true_divide', [x, float(255)]);
  } else {
    // RGB to BGR: the three channels taken one by one and stacked again.
    const channel = (i: number): PyValue[] => (format === 'channels_last' ? [ELLIPSIS, int(i)] : ndim === 3 ? [int(i), ELLIPSIS] : [FULL_SLICE, int(i), FULL_SLICE]);
    const channels = [2, 1, 0].map((i) => op('get_item', [x, { kind: 'tuple', items: channel(i) }]));
    const axis = format === 'channels_last' ? -1 : ndim === 3 ? 0 : 1;
    x = op('stack', [{ kind: 'list', items: channels }], new Map([['axis', int(axis)]]));
  }
  // The mean (and standard deviation) are constants, reshaped to broadcast over the channel axis.
  const meanShape: Shape | null = ndim === null ? null : format === 'channels_first' ? (ndim === 3 ? [3, 1, 1] : [1, 3, ...ones(ndim - 2)]) : [...ones(ndim - 1), 3];
  x = op('add', [x, constant(meanShape)]);
  if (mode === 'torch') x = op('true_divide', [x, constant(format === 'channels_first' ? [3, 1, 1] : [3])]);
  return x;
}

const ones = (count: number): number[] => new Array<number>(Math.max(0, count)).fill(1);

const constant = (shape: Shape | null): PyValue => (shape ? { kind: 'tensor', tensor: { shape, source: null } } : unknown('mean'));
