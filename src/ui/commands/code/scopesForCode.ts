// Scopes This Code Needs (issue 23): the ISC calls in the workspace's scripts and the least scopes that grant them.
// A script gets the contract's object; a person a picker whose calls open the file at the line, with Create Token
// with These Scopes and Check a Token Against This Code.
import type { CodeScanResult } from '../../../core/codeScan/types';
import { t } from '../../view/l10n';
import type { Item } from '../../prompts/prompts';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { createTokenWithScopes } from '../token/createToken';
import { checkTokenForPerson } from './checkTokenAgainstCode';
import { nothingFound, scanResultItems, scanSummary } from './codeScanText';
import { scanWithProgress } from './codeScanFlow';
import { openAt, relativeName } from './workspaceScan';

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

