// Where Import Tenants from SailPoint CLI reads the CLI's file. In a remote window the extension may run on this
// computer (the UI side, which VS Code prefers for it) or on the remote machine, and each has its own home folder.
import { inertText } from '../../../core/displayText';
import { t } from '../../view/l10n';

export const CLI_CONFIG_PATH = '~/.sailpoint/config.yaml';

/** The file as messages name it; `remoteName` is `vscode.env.remoteName`, absent in a local window. */
export function cliConfigPlace(remoteName: string | undefined, runsOnThisComputer: boolean): string {
  if (remoteName === undefined) return CLI_CONFIG_PATH;
  const remote = inertText(remoteName);
  return runsOnThisComputer
    ? t('{0} on this computer, not the remote machine ({1})', CLI_CONFIG_PATH, remote)
    : t('{0} on the remote machine ({1})', CLI_CONFIG_PATH, remote);
}
