// Show Token Health Overview: the health report of one tenant or all, drawn in a webview.
import type { PatCommand } from '../runner';
import { loadHealthPanel, openOverview } from './overview';
import { checkHealth, tenantsAsked } from './tokenHealth';

export const showTokenHealthCommand: PatCommand = {
  id: 'sailpointPat.showTokenHealth',
  async run(run, invocation) {
    // The panel's code loads while the tenants answer.
    const [report] = await Promise.all([checkHealth(run, tenantsAsked(run, invocation)), loadHealthPanel()]);
    await openOverview(run, report);
    return undefined;
  },
};
