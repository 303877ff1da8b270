/**
 * The settings the extension reads, with their defaults: kept free of `vscode` so a plain Node test can
 * check them against `contributes.configuration` in package.json.
 */
export const SECTION = 'kerasShapes';

/** Setting keys (below `kerasShapes.`) with their defaults. */
export const DEFAULTS = {
  'inlayHints.enabled': true,
  'inlayHints.showParams': true,
  'diagnostics.enabled': true,
  imageDataFormat: 'channels_last',
} as const;
