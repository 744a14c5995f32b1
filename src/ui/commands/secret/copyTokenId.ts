// Copy Client ID: a token's id, which is its client ID.
import type { PatCommand } from '../runner';
import { tokenLabel, tokenTarget } from '../targets';
import { status } from './storedSecret';
import { t } from '../../view/l10n';

export const copyTokenIdCommand: PatCommand = {
  id: 'sailpointPat.copyTokenId',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await run.ui.clipboard.copyText(target.tokenId);
    status(run, t('Client ID of {0} copied.', tokenLabel(target)));
    return undefined;
  },
};
