// Show Log: the extension's output channel.
import type { PatCommand } from '../runner';

export const showLogCommand: PatCommand = {
  id: 'sailpointPat.showLog',
  run(run) {
    run.ui.logChannel.show();
    return Promise.resolve(undefined);
  },
};
