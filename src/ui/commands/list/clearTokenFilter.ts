// Clear Token Filter: the view title's one click back to every token.
import type { PatCommand } from '../runner';
import { applyTextFilter } from './textFilter';

export const clearTokenFilterCommand: PatCommand = {
  id: 'sailpointPat.clearTokenFilter',
  async run(run) {
    await applyTextFilter(run.ui, '');
    return undefined;
  },
};
