/**
 * The audio preprocessing layers (`keras/src/layers/preprocessing/mel_spectrogram.py` and `stft_spectrogram.py`):
 * MelSpectrogram, which has no weights, and STFTSpectrogram, a strided convolution with fixed Fourier kernels
 * (which Keras still creates as trainable weights). Their shapes are those of the layers' `compute_output_shape`.
 */
import type { Dim, Shape } from '../../model';
import { formatShape } from '../../evaluate/values';
import { toStr, truthy } from '../../evaluate/operators';
import type { LayerArgs } from '../args';
import { convOutputShape, dataFormatOf, dimMul, dimOp, isKnown, type Padding } from '../dims';
import { KerasError, signature, type LayerRule, type RuleContext, type WeightSpec } from './types';

// ---------------------------------------------------------------------------------------------------------
// MelSpectrogram.

/**
 * `MelSpectrogram.compute_output_shape`'s frame count, `(samples + stride + 1) // stride`. The frames its `call`
 * computes can be one fewer (16,383 samples, stride 512: 32, where this gives 33), but a model's tensors and its
 * summary have this count.
 */
function melFrames(samples: Dim, stride: Dim): Dim {
  if (samples === null) return null;
  if (stride === 0 && isKnown(samples)) throw new KerasError('integer division or modulo by zero');
  return dimOp((n, s) => Math.floor((n + s + 1) / s), samples, stride);
}

const melSpectrogram: LayerRule = {
  className: 'MelSpectrogram',
  family: 'preprocessing',
  params: signature(
    'fft_length=2048', 'sequence_stride=512', 'sequence_length=None', "window='hann'", 'sampling_rate=16000', 'num_mel_bins=128',
    'min_freq=20.0', 'max_freq=None', 'power_to_db=True', 'top_db=80.0', 'mag_exp=2.0', 'min_power=1e-10', 'ref_power=1.0',
  ),
  outputShape: ({ input, args }) => {
    const fftLength = args.int('fft_length');
    // `sequence_length or fft_length`.
    const sequenceLength = truthy(args.value('sequence_length')) === false ? fftLength : args.int('sequence_length');
    if (isKnown(fftLength) && isKnown(sequenceLength) && fftLength < sequenceLength) {
      throw new KerasError(
        `\`fft_length\` must be greater than or equal to   \`sequence_length\`. Received: \`sequence_length\`=${sequenceLength}, \`fft_length\`=${fftLength}.`,
      );
    }
    const stride = args.int('sequence_stride');
    const bins = args.int('num_mel_bins');
    // An unbatched (samples,) gives (bins, frames); otherwise the axes after the samples are dropped.
    const shape = input.length === 1 ? [bins, melFrames(input[0], stride)] : [input[0], bins, melFrames(input[1], stride)];
    // `standardize_shape` of the output.
    if (shape.some((d) => isKnown(d) && d < 0)) {
      throw new KerasError(`Cannot convert '${formatShape(shape)}' to a shape. Negative dimensions are not allowed.`);
    }
    return shape;
  },
  explain:
    'MelSpectrogram turns audio (batch, samples) into a mel spectrogram (batch, num_mel_bins, frames), where frames = (samples + sequence_stride + 1) // sequence_stride as Keras counts them (16,000 samples with the default stride 512: 32 frames). Axes after the samples are dropped; one unbatched clip (samples,) gives (num_mel_bins, frames). No weights.',
};

// ---------------------------------------------------------------------------------------------------------
// STFTSpectrogram.

const STFT_MODES = ['log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'];

/** `STFTSpectrogram.__init__`'s checks, in its order. A `window` name is not checked: Keras asks scipy's list of windows. */
function checkStftArguments(args: LayerArgs, frameLength: Dim): void {
  const frameStep = args.optionalInt('frame_step');
  if (isKnown(frameStep) && isKnown(frameLength) && (frameStep > frameLength || frameStep < 1)) {
    throw new KerasError(
      `\`frame_step\` should be a positive integer not greater than \`frame_length\`. Received frame_step=${frameStep}, frame_length=${frameLength}`,
    );
  }
  const fftLength = args.optionalInt('fft_length');
  if (isKnown(fftLength) && isKnown(frameLength) && fftLength < frameLength) {
    throw new KerasError(`\`fft_length\` should be not less than \`frame_length\`. Received fft_length=${fftLength}, frame_length=${frameLength}`);
  }
  const mode = args.value('mode');
  if (mode.kind !== 'unknown' && !(mode.kind === 'str' && STFT_MODES.includes(mode.value))) {
    throw new KerasError(`Output mode is invalid, it must be one of ${STFT_MODES.join(', ')}. Received: mode=${toStr(mode)}`);
  }
  const scaling = args.value('scaling');
  if (scaling.kind !== 'unknown' && scaling.kind !== 'none' && !(scaling.kind === 'str' && ['density', 'spectrum'].includes(scaling.value))) {
    throw new KerasError(`Scaling is invalid, it must be \`None\`, 'density' or 'spectrum'. Received scaling=${toStr(scaling)}`);
  }
  const padding = args.value('padding');
  if (padding.kind !== 'unknown' && !(padding.kind === 'str' && ['valid', 'same'].includes(padding.value))) {
    throw new KerasError(`Padding is invalid, it should be 'valid', 'same'. Received: padding=${toStr(padding)}`);
  }
}

/** What the Fourier kernels and the output are made of. */
interface Stft {
  /** `fft_length // 2 + 1` frequency bins per kernel. */
  readonly bins: Dim;
  readonly frameLength: Dim;
  readonly mode: string;
}

/** `_fft_length`: `fft_length or` the next power of two from `frame_length` (`math.log2` refuses 0 and less). */
function fftLengthOf(args: LayerArgs, frameLength: Dim): Dim {
  if (truthy(args.value('fft_length')) !== false) return args.int('fft_length');
  if (isKnown(frameLength) && frameLength <= 0) throw new KerasError('math domain error');
  return dimOp((n) => 2 ** Math.ceil(Math.log2(n)), frameLength);
}

function stftOf(args: LayerArgs): Stft {
  const frameLength = args.int('frame_length');
  checkStftArguments(args, frameLength);
  return {
    bins: dimOp((n) => Math.floor(n / 2) + 1, fftLengthOf(args, frameLength)),
    frameLength,
    mode: args.str('mode'),
  };
}

/** `STFTSpectrogram.compute_output_shape`: a 1-D convolution of `frame_length` with `F · channels` filters. */
function stftOutputShape({ input, args }: RuleContext): Shape {
  const stft = stftOf(args);
  const format = dataFormatOf(args);
  const channels = format === 'channels_last' ? input[input.length - 1] : input[1];
  const frequencies = stft.mode === 'stft' ? dimMul(stft.bins, 2) : stft.bins;
  if (channels === null) throw new KerasError("unsupported operand type(s) for *: 'int' and 'NoneType'");
  const filters = dimMul(frequencies, channels);
  // `frame_step or frame_length // 2` (a given 0 was refused): 0 for a frame of 1, which numpy divides by.
  const step = args.isNone('frame_step') ? dimOp((n) => Math.floor(n / 2), stft.frameLength) : args.int('frame_step');
  if (step === 0) throw new KerasError('cannot convert float infinity to integer');
  const padding: Padding = args.str('padding') === 'same' ? 'same' : 'valid';
  const shape = convOutputShape(input, { kernel: [stft.frameLength], strides: [step], dilation: [1], padding }, filters, format, [
    stft.frameLength,
    channels,
    filters,
  ]);
  if (!args.bool('expand_dims')) return shape;
  const [batch, frames] = format === 'channels_last' ? [shape[0], shape[1]] : [shape[0], shape[2]];
  return format === 'channels_last' ? [batch, frames, frequencies, channels] : [batch, channels, frames, frequencies];
}

/** `STFTSpectrogram.build`: one kernel for the real part unless mode='imag', one for the imaginary part unless 'real'. */
function stftWeights({ args }: RuleContext): WeightSpec[] {
  const stft = stftOf(args);
  const shape = [stft.frameLength, 1, stft.bins];
  return [
    ...(stft.mode !== 'imag' ? [{ name: 'real_kernel', shape }] : []),
    ...(stft.mode !== 'real' ? [{ name: 'imag_kernel', shape }] : []),
  ];
}

const stftSpectrogram: LayerRule = {
  className: 'STFTSpectrogram',
  family: 'preprocessing',
  params: signature(
    "mode='log'", 'frame_length=256', 'frame_step=None', 'fft_length=None', "window='hann'", 'periodic=False', "scaling='density'",
    "padding='valid'", 'expand_dims=False', 'data_format=None',
  ),
  inputSpec: { ndim: 3 },
  outputShape: stftOutputShape,
  weights: stftWeights,
  explain:
    "STFTSpectrogram computes a short-time Fourier transform of (batch, time, channels) as a 1-D convolution: frames of frame_length every frame_step (default frame_length // 2), with 'valid' or 'same' padding, each giving F = fft_length // 2 + 1 frequencies (fft_length defaults to the power of two ≥ frame_length; mode='stft' gives 2·F, real and imaginary parts). Output (batch, frames, F·channels), or (batch, frames, F, channels) with expand_dims=True; channels_first: (batch, F·channels, frames) or (batch, channels, frames, F). Weights: real_kernel and imag_kernel of (frame_length, 1, fft_length // 2 + 1) each, trainable (mode='real' keeps only the first, mode='imag' only the second): 2 × 256 × 129 = 66,048 with the defaults.",
};

export const audioRules: readonly LayerRule[] = [melSpectrogram, stftSpectrogram];
