// Clear Token Filter: the view title's one click back to every token (the text filter and "Needs attention").
import type { PatCommand } from '../runner';
import { clearFilters } from './textFilter';

export const clearTokenFilterCommand: PatCommand = {
  id: 'sailpointPat.clearTokenFilter',
  async run(run) {
    await clearFilters(run.ui);
    return undefined;
  },
};
