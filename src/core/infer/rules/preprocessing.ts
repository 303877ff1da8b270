/**
 * Preprocessing layers (`keras/src/layers/preprocessing/`).
 */
import type { LayerRule } from './types';

export const preprocessingRules: readonly LayerRule[] = [];
