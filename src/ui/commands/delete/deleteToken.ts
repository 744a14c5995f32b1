// Delete Token: one token, or every selected token, through the one delete flow in deleteTokens.ts.
import { t } from '../../view/l10n';
import type { Invocation, PatCommand } from '../runner';
import { selectedTokenNodes } from '../targets';
import { deleteWithConfirmation, targetsOf } from './deleteTokens';

/** The Delete key hands over the view's selection without a node; a menu or the palette always gives one or nothing. */
function keyOnNoToken(invocation: Invocation): boolean {
  return invocation.node === undefined && invocation.selection !== undefined && selectedTokenNodes(undefined, invocation.selection).length === 0;
}

export const deleteTokenCommand: PatCommand = {
  id: 'sailpointPat.deleteToken',
  async run(run, invocation) {
    if (keyOnNoToken(invocation)) {
      run.inform(t('The selection holds no token: select the tokens to delete, then press Delete.'));
      return undefined;
    }
    await deleteWithConfirmation(run, await targetsOf(run, invocation), false);
    return undefined;
  },
};
