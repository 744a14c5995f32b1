// Open in Web UI: the tenant's PAT page in the browser.
import * as vscode from 'vscode';
import { PatError } from '../../../core/errors';
import type { Tenant } from '../../../core/model';
import { webUiPatPageUrl } from '../../../core/tenantUrl';
import { quoted } from '../../prompts/prompts';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { t } from '../../view/l10n';

function webUiUrl(tenant: Tenant): string {
  const url = webUiPatPageUrl(tenant.baseUrl);
  if (url === null) {
    throw new PatError('invalid-input', t('The web UI address of {0} is not known (custom host).', quoted(tenant.displayName)));
  }
  return url;
}

export const openInWebUiCommand: PatCommand = {
  id: 'sailpointPat.openInWebUi',
  async run(run, invocation) {
    const url = webUiUrl(await chooseTenant(run, invocation, t('Open in Web UI')));
    const opening = vscode.env.openExternal(vscode.Uri.parse(url));
    // A script does not wait: VS Code may ask the person at the screen to confirm.
    if (run.ask.person) await opening;
    return { url };
  },
};
