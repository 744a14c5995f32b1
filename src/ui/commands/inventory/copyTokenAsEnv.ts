// Copy as Env: a token as SAIL_ env lines for a shell or a .env file.
import { envLines } from '../../../core/ops/envLines';
import { PatError } from '../../../core/errors';
import type { Tenant } from '../../../core/model';
import { quoted } from '../../prompts/prompts';
import type { CommandRun, PatCommand } from '../runner';
import { status, storedSecret } from '../secret/storedSecret';
import { chooseTenant, tokenLabel, tokenPickItems, tokenTarget, type TokenPick, type TokenTarget } from '../targets';
import { TokenNode } from '../../tree/tokenRows';
import { t } from '../../view/l10n';

/** Copies the lines through SecretClipboard, which clears them later if the clipboard still holds them. */
async function copyAsEnv(run: CommandRun, target: TokenTarget): Promise<void> {
  const { tenant, tokenId } = target;
  const secret = await storedSecret(run, tenant.id, tokenLabel(target), tokenId);
  const seconds = await run.ui.clipboard.copySecret(envLines({ baseUrl: tenant.baseUrl, clientId: tokenId, clientSecret: secret }));
  const clearing = seconds > 0 ? t(' The clipboard is cleared in {0} s if it still holds them.', seconds) : '';
  status(run, t('SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET of {0} copied.{1}', tokenLabel(target), clearing));
}

/** The tenant's tokens whose secret is stored here, as pick items (Copy as Environment Variables, Open Terminal). */
export async function tokensWithSecretItems(run: CommandRun, tenant: Tenant): Promise<TokenPick[]> {
  const stored = run.ui.service.storedSecretTokenIds(tenant.id);
  return (await tokenPickItems(run, tenant)).filter((item) => stored.has(item.token.id));
}

/** From the palette: a token of the chosen tenant whose secret is stored here. */
async function pickTokenWithSecret(run: CommandRun, tenant: Tenant): Promise<TokenTarget> {
  const items = await tokensWithSecretItems(run, tenant);
  if (items.length === 0) throw new PatError('invalid-input', t('No token of {0} has its secret stored in VS Code.', quoted(tenant.displayName)));
  const { token } = await run.ask.titled(t('Copy as Environment Variables')).pickOne({ name: 'tokenId', placeholder: t('Token whose SAIL_ variables to copy'), items });
  return { tenant, tokenId: token.id, token };
}

export const copyTokenAsEnvCommand: PatCommand = {
  id: 'sailpointPat.copyTokenAsEnv',
  async run(run, invocation) {
    const fromTreeOrArgs = invocation.node instanceof TokenNode || invocation.args !== undefined;
    const target = fromTreeOrArgs
      ? tokenTarget(run, invocation)
      : await pickTokenWithSecret(run, await chooseTenant(run, invocation, t('Copy as Environment Variables')));
    await copyAsEnv(run, target);
    return undefined;
  },
};
