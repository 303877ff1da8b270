/**
 * Regularization layers (`keras/src/layers/regularization/`).
 */
import type { LayerRule } from './types';

export const regularizationRules: readonly LayerRule[] = [];
