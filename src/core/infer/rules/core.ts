/**
 * Core layers (`keras/src/layers/core/`): Dense and its relatives.
 */
import { KerasError, type LayerRule } from './types';
import { formatShape } from '../../evaluate/values';

const dense: LayerRule = {
  className: 'Dense',
  family: 'core',
  params: [{ name: 'units' }, { name: 'activation', default: 'None' }, { name: 'use_bias', default: 'True' }],
  inputSpec: { minNdim: 2 },
  // Dense.compute_output_shape: only the last axis changes.
  outputShape: ({ input, args }) => [...input.slice(0, -1), args.int('units')],
  weights: ({ input, args, layerName }) => {
    const last = input[input.length - 1];
    if (last === null) {
      // Keras raises while creating the kernel: it cannot have a None dimension.
      throw new KerasError(
        `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${formatShape([null, args.int('units')])} for variable path='${layerName}/kernel'`,
      );
    }
    const units = args.int('units');
    return [{ name: 'kernel', shape: [last, units] }, ...(args.bool('use_bias') ? [{ name: 'bias', shape: [units] }] : [])];
  },
  explain:
    'Dense maps only the last axis: (batch, ..., d) → (batch, ..., units). One kernel of shape (d, units) is shared by every position of the other axes, plus a bias of shape (units,), so it has d·units + units parameters whatever the other axes are. It never flattens: put a Flatten before it to get (batch, units) from a multi-axis input.',
};

export const coreRules: readonly LayerRule[] = [dense];
