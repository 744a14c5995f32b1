// Copy Client ID: a token's id, which is its client ID.
import type { PatCommand } from '../runner';
import { tokenLabel, tokenTarget } from '../targets';
import { status } from './storedSecret';

export const copyTokenIdCommand: PatCommand = {
  id: 'sailpointPat.copyTokenId',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await run.ui.clipboard.copyText(target.tokenId);
    status(run, `Client ID of ${tokenLabel(target)} copied.`);
    return undefined;
  },
};
