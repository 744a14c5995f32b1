// Rename Token.
import { askTokenName } from './tokenPrompts';
import type { PatCommand } from '../runner';
import { refuseOthersToken, tokenTarget } from '../targets';
import { updateToken } from './updateToken';
import { t } from '../../view/l10n';

export const renameTokenCommand: PatCommand = {
  id: 'sailpointPat.renameToken',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await refuseOthersToken(run, target.tenant.id, target.tokenId, t('Rename'));
    const name = await askTokenName(run.ask, target.token?.name ?? '');
    await updateToken(run, target, t('Renaming…'), { name });
    return undefined;
  },
};
