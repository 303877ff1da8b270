/**
 * Activation layers (`keras/src/layers/activations/`): element-wise functions that keep the shape. Only PReLU
 * has a weight, `alpha`, one slope per element. The generic `Activation(...)` layer is a core layer.
 */
import { repr } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { requireDefinedWeight } from '../dims';
import { KerasError, signature, type LayerRule, type RuleContext, type WeightSpec } from './types';

/** A number argument as Python would compare it, or null when it is None or not statically known. */
function numberOf(args: LayerArgs, name: string): number | null {
  const value = args.value(name);
  return value.kind === 'int' || value.kind === 'float' ? value.value : null;
}

/** ReLU.__init__: max_value must not be negative, negative_slope and threshold neither (nor None). */
function checkRelu(args: LayerArgs): void {
  const maxValue = numberOf(args, 'max_value');
  if (maxValue !== null && maxValue < 0) {
    throw new KerasError(`max_value of a ReLU layer cannot be a negative value. Received: max_value=${repr(args.value('max_value'))}`);
  }
  for (const name of ['negative_slope', 'threshold']) {
    const value = numberOf(args, name);
    if (args.isNone(name) || (value !== null && value < 0)) {
      throw new KerasError(`${name} of a ReLU layer cannot be None or a negative value. Received: ${name}=${repr(args.value(name))}`);
    }
  }
}

/** LeakyReLU.__init__: the deprecated `alpha=` keyword replaces negative_slope; it must be a non-negative number. */
function checkLeakyRelu(args: LayerArgs): void {
  const name = args.has('alpha') ? 'alpha' : 'negative_slope';
  const value = numberOf(args, name);
  if (args.isNone(name) || (value !== null && value < 0)) {
    throw new KerasError(
      `The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=${repr(args.value(name))}`,
    );
  }
}

/**
 * PReLU.build: alpha has the input's shape without the batch axis, with a 1 on every `shared_axes` axis
 * (`param_shape[i - 1] = 1`, Python indexing).
 */
function preluWeights({ input, args, variablePath }: RuleContext): WeightSpec[] {
  const shape = input.slice(1);
  const shared = args.isNone('shared_axes') ? [] : args.intList('shared_axes');
  for (const axis of shared) {
    const index = axis - 1 < 0 ? axis - 1 + shape.length : axis - 1;
    if (index < 0 || index >= shape.length) throw new KerasError('list assignment index out of range');
    shape[index] = 1;
  }
  return [{ name: 'alpha', shape: requireDefinedWeight(shape, variablePath, 'alpha') }];
}

/** Activation layers keep the shape; `check` mirrors the validation of `__init__`, which builds them. */
function elementwise(
  className: string,
  params: readonly string[],
  explain: string,
  check?: (args: LayerArgs) => void,
  moreKeywords?: readonly string[],
): LayerRule {
  return {
    className,
    family: 'activations',
    params: signature(...params),
    builtAtInit: true,
    ...(moreKeywords ? { moreKeywords } : {}),
    outputShape: ({ input, args }) => {
      check?.(args);
      return input;
    },
    explain,
  };
}

export const activationsRules: readonly LayerRule[] = [
  elementwise(
    'ReLU',
    ['max_value=None', 'negative_slope=0.0', 'threshold=0.0'],
    'ReLU applies max(x, 0) element-wise — with negative_slope·(x − threshold) below threshold and a cap at max_value when given (ReLU(max_value=6.0) is ReLU6). It keeps the shape and has no weights.',
    checkRelu,
  ),
  elementwise(
    'LeakyReLU',
    ['negative_slope=0.3'],
    'LeakyReLU applies x for x ≥ 0 and negative_slope·x (default 0.3) below, element-wise. It keeps the shape and has no weights (PReLU is the variant that learns the slope).',
    checkLeakyRelu,
    ['alpha'],
  ),
  {
    className: 'PReLU',
    family: 'activations',
    params: signature("alpha_initializer='Zeros'", 'alpha_regularizer=None', 'alpha_constraint=None', 'shared_axes=None'),
    outputShape: (ctx) => {
      preluWeights(ctx);
      return ctx.input;
    },
    weights: preluWeights,
    explain:
      'PReLU applies x for x ≥ 0 and alpha·x below, with a learned slope alpha per element: alpha has the input shape without the batch axis, so on (batch, 8, 8, 3) it has 8·8·3 = 192 params. shared_axes share one slope along those axes (their size becomes 1): shared_axes=[1, 2] leaves one slope per channel, 3 params. It keeps the shape.',
  },
  elementwise(
    'ELU',
    ['alpha=1.0'],
    'ELU applies x for x > 0 and alpha·(exp(x) − 1) below, element-wise. It keeps the shape and has no weights.',
  ),
  elementwise(
    'Softmax',
    ['axis=-1'],
    'Softmax turns the values along axis (default -1) into probabilities, exp(x) / sum(exp(x)), optionally ignoring masked positions. It keeps the shape and has no weights.',
  ),
];
