// The view title's Refresh: every tenant.
import type { PatCommand } from '../runner';

/** The view title's Refresh: VS Code passes the focused node to title commands, which must not narrow this one. */
export const refreshAllCommand: PatCommand = {
  id: 'sailpointPat.refreshAll',
  run(run) {
    run.ui.tree.refresh();
    return Promise.resolve(undefined);
  },
};
