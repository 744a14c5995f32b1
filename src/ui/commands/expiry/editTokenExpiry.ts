// Change Expiry (v1 only): a token's new expiry date, or none.
import { PatError } from '../../../core/errors';
import { type PersonalAccessToken, type Tenant, type TokenPatch } from '../../../core/model';
import { validateExpirationDate } from '../../../core/validation';
import { askExpiryChange } from '../expiry/expiryPrompts';
import { parseExpiry } from '../../prompts/inputChecks';
import { shown } from '../../prompts/prompts';
import { TokenNode } from '../../tree/tokenRows';
import { requireId } from '../../prompts/args';
import type { CommandRun, PatCommand } from '../runner';
import { chooseTenant, refuseOthersToken, tokenPickItems } from '../targets';
import { tokenBusy } from '../rotate/rotationFlow';
import { t } from '../../view/l10n';

function v3ExpiryMessage(): string {
  return t("The v3 API cannot change a token's expiry (only its name and scopes). Rotate the token instead: its successor expires 6 months from now.");
}

function requireV1(tenant: Tenant): void {
  if (tenant.apiFamily !== 'v1') throw new PatError('invalid-input', v3ExpiryMessage());
}

/** null = never expires, which the v1 API accepts only with the acknowledgment flag in the same patch. */
function expiryPatch(expirationDate: string | null): TokenPatch {
  if (expirationDate === null) return { expirationDate: null, userAwareTokenNeverExpires: true };
  const iso = parseExpiry(expirationDate);
  const problem = iso === undefined ? t('Enter a date.') : validateExpirationDate(iso, 'v1', Date.now());
  if (iso === undefined || problem !== undefined) throw new PatError('invalid-input', problem ?? t('Enter a date.'));
  return { expirationDate: iso, userAwareTokenNeverExpires: false };
}

async function changeExpiry(run: CommandRun, tenantId: string, tokenId: string, patch: TokenPatch): Promise<PersonalAccessToken> {
  const token = await run.network(t('Changing the expiry…'), (signal) => run.ui.service.updateToken(tenantId, tokenId, patch, signal), {
    busy: tokenBusy(tenantId, tokenId),
    busyLabel: t('Changing expiry…'),
    tenantId,
  });
  run.ui.tree.refresh(tenantId);
  return token;
}

export const editTokenExpiryCommand: PatCommand = {
  id: 'sailpointPat.editTokenExpiry',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Change Expiry'));
    requireV1(tenant);
    const { node, args } = invocation;
    const token =
      node instanceof TokenNode
        ? node.token
        : args !== undefined
          ? undefined
          : (await run.ask.titled(t('Change Expiry')).pickOne({ name: 'tokenId', placeholder: t('Token whose expiry to change'), items: await tokenPickItems(run, tenant) })).token;
    const tokenId = token?.id ?? requireId(args ?? {}, 'tokenId');
    const label = token === undefined ? tokenId : shown(token.name);
    await refuseOthersToken(run, tenant.id, tokenId, t('Change Expiry'));
    const expirationDate = await askExpiryChange(run.ask, label, token?.expirationDate);
    await changeExpiry(run, tenant.id, tokenId, expiryPatch(expirationDate));
    run.inform(expirationDate === null ? t('"{0}" now never expires.', label) : t('"{0}" now expires {1}.', label, expirationDate));
    return undefined;
  },
};
