// Refresh, what a tenant lists, Open in Web UI, Show Log.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import type { Tenant } from '../../core/model';
import { listQueryText } from '../../core/messages';
import { webUiPatPageUrl } from '../../core/tenantUrl';
import { askListQuery } from '../prompts/listQueryPrompts';
import { quoted, shown } from '../prompts/prompts';
import { optionalId } from './args';
import type { PatCommand } from './runner';
import { chooseTenant, tenantOfNode } from './targets';

export const refreshCommand: PatCommand = {
  id: 'sailpointPat.refresh',
  run(run, { node, args }) {
    // The node's tenant, or the optional argument `tenantId` (checked); neither: every tenant.
    const tenantId = args === undefined ? tenantOfNode(node)?.id : optionalId(args, 'tenantId');
    if (args !== undefined && tenantId !== undefined) run.ui.service.getTenant(tenantId);
    run.ui.tree.refresh(tenantId);
    return Promise.resolve(undefined);
  },
};

/** The view title's Refresh: VS Code passes the focused node to title commands, which must not narrow this one. */
export const refreshAllCommand: PatCommand = {
  id: 'sailpointPat.refreshAll',
  run(run) {
    run.ui.tree.refresh();
    return Promise.resolve(undefined);
  },
};

export const setTenantListQueryCommand: PatCommand = {
  id: 'sailpointPat.setTenantListQuery',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Choose What a Tenant Lists');
    const query = await askListQuery(run.ask, shown(tenant.displayName), tenant.listQuery);
    await run.ui.service.setListQuery(tenant.id, query);
    run.ui.tree.refresh(tenant.id);
    run.inform(`${quoted(tenant.displayName)} now lists ${listQueryText(query)}.`);
    return undefined;
  },
};

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

export const showLogCommand: PatCommand = {
  id: 'sailpointPat.showLog',
  run(run) {
    run.ui.logChannel.show();
    return Promise.resolve(undefined);
  },
};
