/**
 * Attention layers (`keras/src/layers/attention/`).
 */
import type { LayerRule } from './types';

export const attentionRules: readonly LayerRule[] = [];
