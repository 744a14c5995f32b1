// Back from "Needs attention" to every token; the text filter, if any, stays.
import type { PatCommand } from '../runner';
import { applyAttentionFilter } from './textFilter';

export const showEveryTokenCommand: PatCommand = {
  id: 'sailpointPat.showEveryToken',
  async run(run) {
    await applyAttentionFilter(run.ui, false);
    return undefined;
  },
};
