/**
 * Pooling layers (`keras/src/layers/pooling/`): windowed max/average pooling (`base_pooling.py`, sharing the
 * convolution arithmetic of `../dims.ts`) and global pooling (`base_global_pooling.py`). None has weights.
 */
import type { Dim, Shape } from '../../model';
import { repr, sequenceItems, toDim } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { channelDim, dataFormatOf, poolOutputShape, pythonType, spatialDims, standardizeTuple, withSpatial } from '../dims';
import { KerasError, signature, UnknownArgument, type LayerRule } from './types';

type Rank = 1 | 2 | 3;
type Mode = 'max' | 'average';

const AXES: Record<Rank, string> = { 1: 'steps', 2: 'rows, cols', 3: 'dim1, dim2, dim3' };

/** MaxPooling defaults `pool_size` to 2 on every axis; AveragePooling requires it. */
const DEFAULT_POOL: Record<Rank, string> = { 1: '2', 2: '(2, 2)', 3: '(2, 2, 2)' };

/**
 * A zero stride: compute_pooling_output_shape divides by it. With a `None` in the input its numpy array holds
 * Python objects, and the division is Python's ZeroDivisionError, raised from the layer's call; on a shape known
 * to the last axis numpy divides, and what follows depends on each axis's sizes: not followed here.
 */
function zeroStride(className: string, input: Shape): Error {
  if (!input.includes(null)) return new UnknownArgument('strides', '0, on a fully known input shape');
  return new KerasError(`Exception encountered when calling ${className}.call().\n\ndivision by zero`);
}

function windowPooling(className: string, mode: Mode, rank: Rank): LayerRule {
  return {
    className,
    family: 'pooling',
    params: signature(
      mode === 'max' ? `pool_size=${DEFAULT_POOL[rank]}` : 'pool_size',
      'strides=None',
      "padding='valid'",
      'data_format=None',
      'name=None',
    ),
    // BasePooling: InputSpec(ndim=pool_dimensions + 2).
    inputSpec: { ndim: rank + 2 },
    builtAtInit: true,
    outputShape: ({ input, args }) => {
      // BasePooling.__init__: strides default to pool_size; zero strides are allowed there.
      const pool = standardizeTuple(args, 'pool_size', rank);
      const strides = standardizeTuple(args, args.isNone('strides') ? 'pool_size' : 'strides', rank, true);
      const format = dataFormatOf(args);
      if (strides.includes(0)) throw zeroStride(className, input);
      // BasePooling keeps `padding` as given: compute_pooling_output_shape compares it case-sensitively.
      return poolOutputShape(input, pool, strides, args.str('padding'), format);
    },
    explain:
      `${className} takes the ${mode === 'max' ? 'maximum' : 'average'} over a pool_size window slid over the spatial axes (${AXES[rank]}) of a (batch, ${AXES[rank]}, channels) input (channels_first: channels before them). ` +
      `strides default to pool_size, so by default each axis shrinks by that factor. Each spatial axis becomes padding='valid': floor((n − k)/s) + 1; padding='same': ceil(n/s) = floor((n − 1)/s) + 1, ` +
      'where n is the input length, k the pool size and s the stride; a valid size of zero or less is Keras\' error "Computed output size would be zero or negative", and None stays None. ' +
      'Channels are unchanged and there are no weights.',
  };
}

function globalPooling(className: string, mode: Mode, rank: Rank): LayerRule {
  return {
    className,
    family: 'pooling',
    params: signature('data_format=None', 'keepdims=False'),
    // BaseGlobalPooling: InputSpec(ndim=pool_dimensions + 2).
    inputSpec: { ndim: rank + 2 },
    builtAtInit: true,
    // BaseGlobalPooling.compute_output_shape: the spatial axes go, or become 1 with keepdims.
    outputShape: ({ input, args }) => {
      const format = dataFormatOf(args);
      const kept = args.bool('keepdims') ? spatialDims(input, format).map(() => 1) : [];
      return withSpatial(input[0], kept, channelDim(input, format), format);
    },
    explain:
      `${className} takes the ${mode === 'max' ? 'maximum' : 'average'} over all spatial axes (${AXES[rank]}) at once: (batch, ${AXES[rank]}, channels) → (batch, channels), ` +
      `or (batch, ${Array.from({ length: rank }, () => '1').join(', ')}, channels) with keepdims=True (channels_first: channels right after the batch). It has no weights, and unlike Flatten its output size does not depend on the spatial size.`,
  };
}

const ADAPTIVE_SIZE_NAMES: Record<Rank, string> = { 1: 'tuple of 1 integer', 2: '(height, width) tuple', 3: '(depth, height, width) tuple' };

/** `output_size` of the adaptive layers' `__init__`: an int for every axis, or exactly `rank` of them. */
function adaptiveOutputSize(args: LayerArgs, rank: Rank): Dim[] {
  const value = args.value('output_size');
  if (value.kind === 'int' || value.kind === 'unknown') return Array.from({ length: rank }, () => toDim(value));
  const items = sequenceItems(value);
  if (rank === 1 && items !== null && items.length !== 1) {
    throw new KerasError(`For 1D input, \`output_size\` tuple must have length 1. Received: ${repr(value)}`);
  }
  if (items === null || items.length !== rank || value.kind === 'range') {
    throw new KerasError(
      `\`output_size\` must be an integer or ${ADAPTIVE_SIZE_NAMES[rank]}. Received: ${repr(value)} of type ${pythonType(value)}`,
    );
  }
  return items.map(toDim);
}

function adaptivePooling(className: string, mode: Mode, rank: Rank): LayerRule {
  return {
    className,
    family: 'pooling',
    params: signature('output_size', 'data_format=None'),
    // BaseAdaptivePooling.compute_output_shape: the spatial axes become output_size whatever their size.
    outputShape: ({ input, args }) => {
      const size = adaptiveOutputSize(args, rank);
      const format = args.isNone('data_format') ? 'channels_last' : args.str('data_format');
      if (format !== 'channels_last' && format !== 'channels_first') {
        throw new KerasError(`Invalid data_format: ${format}. Expected 'channels_first' or 'channels_last'.`);
      }
      return withSpatial(input[0], size, channelDim(input, format), format);
    },
    explain:
      `${className} chooses its windows so that the spatial axes (${AXES[rank]}) come out exactly output_size, whatever the input size, taking the ${mode === 'max' ? 'maximum' : 'average'} in each: ` +
      `(batch, ${AXES[rank]}, channels) → (batch, *output_size, channels) (channels_first: channels right after the batch). Channels are unchanged and there are no weights.`,
  };
}

export const poolingRules: readonly LayerRule[] = [
  windowPooling('MaxPooling1D', 'max', 1),
  windowPooling('MaxPooling2D', 'max', 2),
  windowPooling('MaxPooling3D', 'max', 3),
  windowPooling('AveragePooling1D', 'average', 1),
  windowPooling('AveragePooling2D', 'average', 2),
  windowPooling('AveragePooling3D', 'average', 3),
  globalPooling('GlobalMaxPooling1D', 'max', 1),
  globalPooling('GlobalMaxPooling2D', 'max', 2),
  globalPooling('GlobalMaxPooling3D', 'max', 3),
  globalPooling('GlobalAveragePooling1D', 'average', 1),
  globalPooling('GlobalAveragePooling2D', 'average', 2),
  globalPooling('GlobalAveragePooling3D', 'average', 3),
  adaptivePooling('AdaptiveMaxPooling1D', 'max', 1),
  adaptivePooling('AdaptiveMaxPooling2D', 'max', 2),
  adaptivePooling('AdaptiveMaxPooling3D', 'max', 3),
  adaptivePooling('AdaptiveAveragePooling1D', 'average', 1),
  adaptivePooling('AdaptiveAveragePooling2D', 'average', 2),
  adaptivePooling('AdaptiveAveragePooling3D', 'average', 3),
];

/**
 * Other names `keras.layers` exports for these classes (`keras/api/layers/__init__.py`), mapped to the class
 * they are: a layer made through an alias still reports the real class name.
 */
export const poolingAliases: Readonly<Record<string, string>> = {
  MaxPool1D: 'MaxPooling1D',
  MaxPool2D: 'MaxPooling2D',
  MaxPool3D: 'MaxPooling3D',
  AvgPool1D: 'AveragePooling1D',
  AvgPool2D: 'AveragePooling2D',
  AvgPool3D: 'AveragePooling3D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
  GlobalMaxPool3D: 'GlobalMaxPooling3D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalAvgPool3D: 'GlobalAveragePooling3D',
};
