// Delete Token: one token, or every selected token, through the one delete flow in deleteTokens.ts.
import type { PatCommand } from '../runner';
import { deleteWithConfirmation, targetsOf } from './deleteTokens';

export const deleteTokenCommand: PatCommand = {
  id: 'sailpointPat.deleteToken',
  async run(run, invocation) {
    await deleteWithConfirmation(run, await targetsOf(run, invocation), false);
    return undefined;
  },
};
