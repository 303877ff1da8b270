/**
 * Normalization layers (`keras/src/layers/normalization/`).
 */
import type { LayerRule } from './types';

export const normalizationRules: readonly LayerRule[] = [];
