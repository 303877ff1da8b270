/**
 * Recurrent layers (`keras/src/layers/recurrent/`).
 */
import type { LayerRule } from './types';

export const recurrentRules: readonly LayerRule[] = [];
