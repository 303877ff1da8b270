/**
 * Activations layers (`keras/src/layers/activations/`).
 */
import type { LayerRule } from './types';

export const activationsRules: readonly LayerRule[] = [];
