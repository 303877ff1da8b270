/**
 * The extension's settings, read through one typed function and re-read when they change. The keys and
 * defaults here must match `contributes.configuration` in package.json (a unit test checks it).
 */
import * as vscode from 'vscode';
import { DEFAULTS, SECTION } from './settingKeys';

export { SECTION };

export interface Settings {
  readonly inlayHints: boolean;
  readonly showParams: boolean;
  readonly diagnostics: boolean;
  readonly imageDataFormat: 'channels_last' | 'channels_first';
}


type FlagKey = 'inlayHints.enabled' | 'inlayHints.showParams' | 'diagnostics.enabled';

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const flag = (key: FlagKey) => config.get<boolean>(key, DEFAULTS[key]);
  return {
    inlayHints: flag('inlayHints.enabled'),
    showParams: flag('inlayHints.showParams'),
    diagnostics: flag('diagnostics.enabled'),
    imageDataFormat: config.get<string>('imageDataFormat', DEFAULTS.imageDataFormat) === 'channels_first' ? 'channels_first' : 'channels_last',
  };
}
