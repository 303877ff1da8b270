/**
 * Regularization layers (`keras/src/layers/regularization/`): dropout and noise layers that act only while
 * training. They keep the shape, have no weights (a seed generator's state is not a weight), and only validate
 * their arguments in `__init__`; the spatial dropouts also fix the input rank.
 */
import { repr } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { dataFormatOf } from '../dims';
import { KerasError, signature, type InputSpec, type LayerRule } from './types';

/** `Dropout.__init__` and friends: `if not 0 <= rate <= 1: raise ValueError(...)`. */
function checkFraction(args: LayerArgs, name: 'rate' | 'stddev'): void {
  const value = args.value(name);
  if (value.kind !== 'int' && value.kind !== 'float') return;
  if (value.value < 0 || value.value > 1) {
    throw new KerasError(
      `Invalid value received for argument \`${name}\`. Expected a float value between 0 and 1. Received: ${name}=${repr(value)}`,
    );
  }
}

/** `Dropout._validate_noise_shape`: a sequence of positive ints or None. */
function checkNoiseShape(args: LayerArgs): void {
  if (args.isNone('noise_shape')) return;
  const value = args.value('noise_shape');
  if (value.kind === 'str') {
    throw new KerasError(
      `Invalid value received for argument \`noise_shape\`. Expected a tuple or list of integers. Received: noise_shape=${value.value}`,
    );
  }
  args.shape('noise_shape').forEach((dim, i) => {
    if (typeof dim === 'number' && dim <= 0) {
      throw new KerasError(
        `Invalid value received for argument \`noise_shape\`. Expected all dimensions to be positive integers or None. Received negative or zero value at index ${i}: ${dim}`,
      );
    }
  });
}

interface Identity {
  readonly className: string;
  readonly params: readonly string[];
  /** `__init__` has no `**kwargs` (the spatial dropouts). */
  readonly noKwargs?: true;
  readonly inputSpec?: InputSpec;
  readonly check: (args: LayerArgs) => void;
  readonly explain: string;
}

/** Every layer of this family: `compute_output_shape` returns the input shape, and `__init__` builds it. */
function identity({ className, params, noKwargs, inputSpec, check, explain }: Identity): LayerRule {
  return {
    className,
    family: 'regularization',
    params: signature(...params),
    ...(noKwargs ? { noKwargs } : {}),
    inputSpec,
    builtAtInit: true,
    init: check,
    outputShape: ({ input }) => input,
    explain,
  };
}

const TRAINING_ONLY = 'It is active only in training (model.fit), is the identity at inference, keeps the shape and has no weights.';

const spatialDropout = (rank: 1 | 2 | 3, layout: string): LayerRule =>
  identity({
    className: `SpatialDropout${rank}D`,
    params: rank === 1 ? ['rate', 'seed=None', 'name=None', 'dtype=None'] : ['rate', 'data_format=None', 'seed=None', 'name=None', 'dtype=None'],
    noKwargs: true,
    inputSpec: { ndim: rank + 2 },
    check: (args) => {
      checkFraction(args, 'rate');
      if (rank > 1) dataFormatOf(args);
    },
    explain: `SpatialDropout${rank}D drops whole feature maps: with probability rate it zeroes an entire channel of a ${layout} input (and scales the rest by 1/(1 − rate)), instead of single values. The input must have rank ${rank + 2}. ${TRAINING_ONLY}`,
  });

export const regularizationRules: readonly LayerRule[] = [
  identity({
    className: 'Dropout',
    params: ['rate', 'noise_shape=None', 'seed=None'],
    check: (args) => {
      checkFraction(args, 'rate');
      checkNoiseShape(args);
    },
    explain: `Dropout sets each input value to 0 with probability rate and scales the others by 1/(1 − rate) so the expected sum is unchanged. ${TRAINING_ONLY}`,
  }),
  spatialDropout(1, '(batch, steps, channels)'),
  spatialDropout(2, '(batch, rows, cols, channels)'),
  spatialDropout(3, '(batch, dim1, dim2, dim3, channels)'),
  identity({
    className: 'GaussianNoise',
    params: ['stddev', 'seed=None'],
    check: (args) => checkFraction(args, 'stddev'),
    explain: `GaussianNoise adds zero-centred Gaussian noise of standard deviation stddev to every value. ${TRAINING_ONLY}`,
  }),
  identity({
    className: 'GaussianDropout',
    params: ['rate', 'seed=None'],
    check: (args) => checkFraction(args, 'rate'),
    explain: `GaussianDropout multiplies every value by 1-centred Gaussian noise of standard deviation sqrt(rate/(1 − rate)). ${TRAINING_ONLY}`,
  }),
  identity({
    className: 'AlphaDropout',
    params: ['rate', 'noise_shape=None', 'seed=None'],
    check: (args) => checkFraction(args, 'rate'),
    explain: `AlphaDropout drops values to SELU's negative saturation value and rescales so that the mean and variance of the inputs are kept, for self-normalizing (SELU) networks. ${TRAINING_ONLY}`,
  }),
  identity({
    className: 'ActivityRegularization',
    params: ['l1=0.0', 'l2=0.0'],
    check: () => undefined,
    explain:
      'ActivityRegularization passes its input through unchanged and adds l1·sum(|x|) + l2·sum(x²) of that input to the training loss. It keeps the shape and has no weights.',
  }),
];
