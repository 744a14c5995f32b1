// Forget Secret: deletes a token's secret from SecretStorage; the token stays on the tenant.
import { t } from '../../view/l10n';
import type { PatCommand } from '../runner';
import { tokenLabel, tokenTarget } from '../targets';

export const forgetTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.forgetTokenSecret',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await run.ask.confirm({
      name: 'confirm',
      message: t('Forget the stored secret of {0}?', tokenLabel(target)),
      detail: t('VS Code deletes its copy of the secret and cannot show it again. The token itself keeps working.'),
      button: t('Forget Secret'),
      keep: t('Keep Secret'),
    });
    await run.ui.service.forgetStoredSecret(target.tenant.id, target.tokenId);
    run.ui.tree.refresh(target.tenant.id);
    return undefined;
  },
};
