/**
 * Pooling layers (`keras/src/layers/pooling/`).
 */
import type { LayerRule } from './types';

export const poolingRules: readonly LayerRule[] = [];
