// "Needs attention": the view shows only tokens with a health flag (the flags of Check Token Health). Any arguments
// are ignored: another extension can only hide rows in this window, as the person can.
import type { PatCommand } from '../runner';
import { applyAttentionFilter } from './textFilter';

export const showOnlyNeedingAttentionCommand: PatCommand = {
  id: 'sailpointPat.showOnlyNeedingAttention',
  async run(run) {
    await applyAttentionFilter(run.ui, true);
    return undefined;
  },
};
