// Show Token Health Overview: the health report of one tenant or all, drawn in a webview. The panel's code loads
// on first use only.
import { loadOnce } from '../../../core/lazyLoad';
import { expiryWarningDays, unusedDays } from '../../settings';
import type { PatCommand } from '../runner';
import { checkHealth, tenantsAsked } from './tokenHealth';

export const loadHealthPanel = loadOnce(() => import('./healthPanel.js'));

export const showTokenHealthCommand: PatCommand = {
  id: 'sailpointPat.showTokenHealth',
  async run(run, invocation) {
    const [report, panel] = await Promise.all([checkHealth(run, tenantsAsked(run, invocation)), loadHealthPanel()]);
    panel.showHealthPanel(run.ui, report, { expiryWarningDays: expiryWarningDays(), unusedDays: unusedDays() });
    return undefined;
  },
};
