/**
 * Convolutional layers (`keras/src/layers/convolutional/`).
 */
import type { LayerRule } from './types';

export const convolutionalRules: readonly LayerRule[] = [];
