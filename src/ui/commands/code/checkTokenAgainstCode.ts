// Check Token Against This Code (issue 23): which calls of the code a token's scopes would refuse (403), which of
// its scopes no call needs, and Edit Scopes to narrow it.
import type { CodeScanResult } from '../../../core/codeScan/types';
import { PatError } from '../../../core/errors';
import type { PersonalAccessToken, Tenant } from '../../../core/model';
import { t } from '../../view/l10n';
import { shown, type Item } from '../../prompts/prompts';
import { requireId } from '../../prompts/args';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { chooseTenant, tenantFromArgs, tokenPickItems, type TokenPick } from '../targets';
import { checkAllGood, checkItems, checkSummary } from './codeScanText';
import { checkWith, scanWithProgress } from './codeScanFlow';
import { openAt, relativeName } from './workspaceScan';

async function tokenFromArgs(run: CommandRun, tenant: Tenant, tokenId: string): Promise<PersonalAccessToken> {
  const tokens = await run.network(t('Listing the tokens of {0}…', shown(tenant.displayName)), () => run.ui.tree.tokens(tenant.id));
  const token = tokens.find((candidate) => candidate.id === tokenId);
  if (token === undefined) throw new PatError('not-found', t('No token with id {0} in {1}.', tokenId, shown(tenant.displayName)));
  return token;
}

interface CheckPick extends Item {
  kind: 'edit' | 'missing' | 'excess';
  at?: { file: string; line: number };
}

export async function checkTokenForPerson(run: CommandRun, invocation: Invocation, scanned?: CodeScanResult): Promise<void> {
  const tenant = await chooseTenant(run, invocation, t('Check Token Against This Code'));
  const picked = await run.ask.titled(t('Check Token Against This Code')).pickOne<TokenPick>({
    name: 'tokenId',
    placeholder: t('Choose the token to check'),
    items: await tokenPickItems(run, tenant),
  });
  const result = scanned ?? (await scanWithProgress(run, invocation)).result;
  const check = await checkWith(result, picked.token);
  const name = picked.token.name;
  if (check.missing.length === 0 && check.excess.length === 0) {
    await run.ask.message({ severity: 'info', message: checkAllGood(name, result.calls.length), actions: [] });
    return;
  }
  const items: CheckPick[] = checkItems(check, relativeName);
  const choice = await run.ask.titled(t('Check Token Against This Code')).pickOne<CheckPick>({
    name: 'pick',
    placeholder: checkSummary(check, name),
    items,
    matchOnDetail: true,
  });
  if (choice.at !== undefined) await openAt(choice.at);
  else if (choice.kind === 'edit') await run.other('sailpointPat.editTokenScopes', run.ui.tree.tokenNode(tenant.id, picked.token.id));
}

export const checkTokenAgainstCodeCommand: PatCommand = {
  id: 'sailpointPat.checkTokenAgainstCode',
  async run(run, invocation) {
    if (!run.automated) {
      await checkTokenForPerson(run, invocation);
      return undefined;
    }
    const args = invocation.args ?? {};
    const tenant = tenantFromArgs(run, args);
    const token = await tokenFromArgs(run, tenant, requireId(args, 'tokenId'));
    return await checkWith((await scanWithProgress(run, invocation)).result, token);
  },
};
