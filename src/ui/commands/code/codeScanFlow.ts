// What both code-scan commands share: the scan with counted, cancellable progress, and the check of a token's
// scopes. The scanner itself loads with the first scan (workspaceScan.ts).
import type { CodeScanResult, TokenCheckResult } from '../../../core/codeScan/types';
import { ALL_SCOPES, type PersonalAccessToken } from '../../../core/model';
import { t } from '../../view/l10n';
import type { CommandRun, Invocation } from '../runner';
import { scanProgress } from './codeScanText';
import { scanRoots, scanWorkspace } from './workspaceScan';

/** Progress is reported at most this often: a message per file would cost more than the file. */
const PROGRESS_EVERY_MS = 100;

export interface Scanned {
  result: CodeScanResult;
  /** How many files were read: what "nothing found" speaks of. */
  files: number;
}

export async function scanWithProgress(run: CommandRun, invocation: Invocation): Promise<Scanned> {
  const roots = await scanRoots(invocation.args, invocation.resources);
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

/** The token's scopes as ISC applies them: a token listed without scopes has every right of its owner. */
function scopesOf(token: PersonalAccessToken): string[] {
  return token.scope ?? [ALL_SCOPES];
}

export async function checkWith(result: CodeScanResult, token: PersonalAccessToken): Promise<TokenCheckResult> {
  const { checkToken } = await import('../../../core/codeScan/leastPrivilege.js');
  return checkToken(result.calls, scopesOf(token));
}
