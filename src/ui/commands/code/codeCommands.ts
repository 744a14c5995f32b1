// Scopes This Code Needs and Check Token Against This Code (issue 23): scan the workspace's scripts for ISC
// calls, answer the least privilege, create a token with exactly it, or check a token against the code.
// Scripts get the contract's objects; a person gets progress, a picker whose calls open the file at the line,
// and the follow-up actions. The scanner loads with the first scan (workspaceScan.ts).
import type { CodeScanResult, TokenCheckResult } from '../../../core/codeScan/types';
import { PatError } from '../../../core/errors';
import { ALL_SCOPES, type PersonalAccessToken, type Tenant } from '../../../core/model';
import { checkItems, checkAllGood, checkSummary, nothingFound, scanProgress, scanResultItems, scanSummary } from '../../view/codeScanText';
import { t } from '../../view/l10n';
import { shown, type Item } from '../../prompts/prompts';
import { requireId } from '../args';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { chooseTenant, tenantFromArgs, tokenPickItems, type TokenPick } from '../targets';
import { createTokenWithScopes } from '../tokenCommands';
import { openAt, relativeName, scanRoots, scanWorkspace } from './workspaceScan';

/** Progress is reported at most this often: a message per file would cost more than the file. */
const PROGRESS_EVERY_MS = 100;

interface Scanned {
  result: CodeScanResult;
  /** How many files were read: what "nothing found" speaks of. */
  files: number;
}

async function scanWithProgress(run: CommandRun, invocation: Invocation): Promise<Scanned> {
  const roots = scanRoots(invocation.args, invocation.resources);
  let files = 0;
  const result = await run.network(
    t('Reading the code for SailPoint API calls…'),
    (signal, report) => {
      let reported = 0;
      return scanWorkspace(roots, {
        signal,
        onProgress: (scanned, total) => {
          files = total;
          const now = Date.now();
          if (now - reported < PROGRESS_EVERY_MS && scanned < total) return;
          reported = now;
          report(scanProgress(scanned, total));
        },
      });
    },
    { retryable: false },
  );
  return { result, files };
}

/** `file`, `line` and `operationId` … as the contract gives them, with copies of arrays a caller may change. */
function contractResult(result: CodeScanResult): CodeScanResult {
  return {
    calls: result.calls.map((call) => ({ ...call, scopes: [...call.scopes] })),
    scopes: [...result.scopes],
    unmatched: result.unmatched.map((unmatched) => ({ ...unmatched })),
  };
}

interface ScanPick extends Item {
  kind: 'create' | 'check' | 'scope' | 'call' | 'unmatched';
  at?: { file: string; line: number };
}

async function showScanResult(run: CommandRun, invocation: Invocation, result: CodeScanResult, files: number): Promise<void> {
  if (result.calls.length === 0 && result.unmatched.length === 0) {
    await run.ask.message({ severity: 'info', message: nothingFound(files), actions: [] });
    return;
  }
  const byScope = (scope: string): CodeScanResult['calls'] => result.calls.filter((call) => call.scopes.includes(scope));
  const items: ScanPick[] = scanResultItems(result, byScope, relativeName);
  const picked = await run.ask.titled(t('Scopes This Code Needs')).pickOne<ScanPick>({
    name: 'pick',
    placeholder: scanSummary(result),
    items,
    matchOnDetail: true,
  });
  if (picked.at !== undefined) await openAt(picked.at);
  else if (picked.kind === 'create') await createTokenWithScopes(run, { resources: invocation.resources }, result.scopes);
  else if (picked.kind === 'check') await checkTokenForPerson(run, { resources: invocation.resources }, result);
}

export const scopesForCodeCommand: PatCommand = {
  id: 'sailpointPat.scopesForCode',
  async run(run, invocation) {
    const { result, files } = await scanWithProgress(run, invocation);
    if (run.automated) return contractResult(result);
    await showScanResult(run, invocation, result, files);
    return undefined;
  },
};

/** The token's scopes as ISC applies them: a token listed without scopes has every right of its owner. */
function scopesOf(token: PersonalAccessToken): string[] {
  return token.scope ?? [ALL_SCOPES];
}

async function tokenFromArgs(run: CommandRun, tenant: Tenant, tokenId: string): Promise<PersonalAccessToken> {
  const tokens = await run.network(t('Listing the tokens of {0}…', shown(tenant.displayName)), () => run.ui.tree.tokens(tenant.id));
  const token = tokens.find((candidate) => candidate.id === tokenId);
  if (token === undefined) throw new PatError('not-found', t('No token with id {0} in {1}.', tokenId, shown(tenant.displayName)));
  return token;
}

async function checkWith(result: CodeScanResult, token: PersonalAccessToken): Promise<TokenCheckResult> {
  const { checkToken } = await import('../../../core/codeScan/leastPrivilege.js');
  return checkToken(result.calls, scopesOf(token));
}

interface CheckPick extends Item {
  kind: 'edit' | 'missing' | 'excess';
  at?: { file: string; line: number };
}

async function checkTokenForPerson(run: CommandRun, invocation: Invocation, scanned?: CodeScanResult): Promise<void> {
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
