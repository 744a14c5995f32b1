// Open in Web UI: the tenant's PAT page in the browser.
import * as vscode from 'vscode';
import { PatError } from '../../../core/errors';
import type { Tenant } from '../../../core/model';
import { webUiPatPageUrl } from '../../../core/tenantUrl';
import { quoted } from '../../prompts/prompts';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';

function webUiUrl(tenant: Tenant): string {
  const url = webUiPatPageUrl(tenant.baseUrl);
  if (url === null) {
    throw new PatError('invalid-input', `The web UI address of ${quoted(tenant.displayName)} is not known (custom host).`);
  }
  return url;
}

export const openInWebUiCommand: PatCommand = {
  id: 'sailpointPat.openInWebUi',
  async run(run, invocation) {
    const url = webUiUrl(await chooseTenant(run, invocation, 'Open in Web UI'));
    const opening = vscode.env.openExternal(vscode.Uri.parse(url));
    // A script does not wait: VS Code may ask the person at the screen to confirm.
    if (run.ask.person) await opening;
    return { url };
  },
};
