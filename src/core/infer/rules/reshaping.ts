/**
 * Reshaping layers (`keras/src/layers/reshaping/`).
 */
import type { LayerRule } from './types';

export const reshapingRules: readonly LayerRule[] = [];
