// Edit Scopes: a token's new scopes, sent only when they changed.
import { ALL_SCOPES } from '../../../core/model';
import { askTokenScopes } from './tokenPrompts';
import type { PatCommand } from '../runner';
import { refuseOthersToken, tokenLabel, tokenTarget } from '../targets';
import { updateToken } from './updateToken';
import { t } from '../../view/l10n';

function scopeChangeNote(): string {
  return t('New scopes apply to access tokens minted afterwards and can take up to 20 minutes to take effect.');
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

export const editTokenScopesCommand: PatCommand = {
  id: 'sailpointPat.editTokenScopes',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await refuseOthersToken(run, target.tenant.id, target.tokenId, t('Edit Scopes'));
    const current = target.token?.scope ?? [ALL_SCOPES];
    const scope = await askTokenScopes(run.ask, tokenLabel(target), current);
    // Nothing changed: nothing to send, and nothing "updated" to claim. Scripts always send what they give.
    if (run.ask.person && sameScopes(scope, current)) {
      run.inform(t('The scopes of {0} are unchanged; nothing was sent.', tokenLabel(target)));
      return undefined;
    }
    await updateToken(run, target, t('Updating scopes…'), { scope });
    run.inform(t('Scopes of {0} updated. {1}', tokenLabel(target), scopeChangeNote()));
    return undefined;
  },
};
