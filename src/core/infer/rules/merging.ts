/**
 * Merging layers (`keras/src/layers/merging/`).
 */
import type { LayerRule } from './types';

export const mergingRules: readonly LayerRule[] = [];
