// What a person reads about a code scan: the result picker's items, the token check, the hover. Plain data, no
// vscode. File names and unmatched text come from the workspace, which an attacker may have written: they are
// shown as plain text, one line, with no theme icon or link able to form.
import { stripUnsafeCharacters } from '../../../core/validation';
import type { CodeCall, CodeScanResult, TokenCheckResult, UnmatchedCall } from '../../../core/codeScan/types';
import { t } from '../../view/l10n';

/** Workspace text as inert picker text: one line, no `$(icon)`, no `](` link. */
export function plainText(text: string): string {
  return stripUnsafeCharacters(text).replace(/\$\(/g, '$\u200B(').replace(/\]\(/g, '] (');
}

export type ScanItemKind = 'create' | 'check' | 'scope' | 'call' | 'unmatched';

export interface ScanItemText {
  kind: ScanItemKind;
  label: string;
  description?: string;
  detail?: string;
  /** The call or unmatched call a `call`/`unmatched` item opens. */
  at?: { file: string; line: number };
}

/** The result as picker items: the actions, each scope with the calls it grants, then the unmatched calls. */
export function scanResultItems(
  result: CodeScanResult,
  callsOf: (scope: string) => readonly CodeCall[],
  relative: (file: string) => string,
): ScanItemText[] {
  const items: ScanItemText[] = [];
  if (result.scopes.length > 0) {
    items.push({ kind: 'create', label: `$(add) ${t('Create Token with These Scopes…')}`, description: result.scopes.join(' ') });
    items.push({ kind: 'check', label: `$(checklist) ${t('Check a Token Against This Code…')}` });
  }
  for (const scope of result.scopes) {
    const calls = callsOf(scope);
    items.push({ kind: 'scope', label: `$(key) ${scope}`, description: t('needed by {0} call(s)', calls.length) });
    for (const call of calls) items.push(callItem(call, relative));
  }
  const ungranted = result.calls.filter((call) => !call.scopes.some((scope) => result.scopes.includes(scope)));
  for (const call of ungranted) {
    items.push({ ...callItem(call, relative), detail: t('{0}: no scope can be proposed for it (the spec names none but sp:scopes:all)', call.operationId) });
  }
  for (const unmatched of result.unmatched) items.push(unmatchedItem(unmatched, relative));
  return items;
}

function callItem(call: CodeCall, relative: (file: string) => string): ScanItemText {
  return {
    kind: 'call',
    label: `${call.method} ${call.path}`,
    description: `${plainText(relative(call.file))}:${call.line}`,
    detail: `${call.operationId} · ${t('granted by any of: {0}', call.scopes.join(', ') || t('no scope named'))}`,
    at: { file: call.file, line: call.line },
  };
}

function unmatchedItem(unmatched: UnmatchedCall, relative: (file: string) => string): ScanItemText {
  return {
    kind: 'unmatched',
    label: `$(question) ${plainText(unmatched.text)}`,
    description: `${plainText(relative(unmatched.file))}:${unmatched.line}`,
    detail: t('Looks like an ISC call but matches no operation of the catalogue'),
    at: { file: unmatched.file, line: unmatched.line },
  };
}

export function scanSummary(result: CodeScanResult): string {
  return t(
    '{0} call(s) need {1} scope(s); {2} unmatched. Pick a call to open it, or an action.',
    result.calls.length,
    result.scopes.length,
    result.unmatched.length,
  );
}

export function nothingFound(files: number): string {
  return t('No SailPoint API call found in {0} file(s).', files);
}

export function scanProgress(scanned: number, total: number): string {
  return t('{0} of {1} files', scanned, total);
}

export type CheckItemKind = 'edit' | 'missing' | 'excess';

export interface CheckItemText {
  kind: CheckItemKind;
  label: string;
  description?: string;
  detail?: string;
  at?: { file: string; line: number };
}

export function checkItems(check: TokenCheckResult, relative: (file: string) => string): CheckItemText[] {
  const items: CheckItemText[] = [{ kind: 'edit', label: `$(edit) ${t('Edit Scopes of This Token…')}`, description: t('narrow it, or add what is missing') }];
  for (const missing of check.missing) {
    items.push({
      kind: 'missing',
      label: `$(error) ${missing.operationId}`,
      description: `${plainText(relative(missing.file))}:${missing.line}`,
      detail: t('would get 403: needs any of {0}', missing.scopes.join(', ')),
      at: { file: missing.file, line: missing.line },
    });
  }
  for (const scope of check.excess) items.push({ kind: 'excess', label: `$(circle-slash) ${scope}`, detail: t('excess: grants none of the calls') });
  return items;
}

export function checkSummary(check: TokenCheckResult, tokenName: string): string {
  return t('{0}: {1} call(s) would get 403, {2} excess scope(s).', plainText(tokenName), check.missing.length, check.excess.length);
}

export function checkAllGood(tokenName: string, calls: number): string {
  return t('{0} grants all {1} call(s) of this code and has no excess scope.', plainText(tokenName), calls);
}

/** The hover over a recognised call: all of it from the catalogue, none from the file. */
export function hoverLines(call: Pick<CodeCall, 'method' | 'path' | 'operationId' | 'scopes'>): string[] {
  return [
    t('SailPoint ISC: {0} {1} ({2})', call.method, call.path, call.operationId),
    call.scopes.length === 0 ? t('The spec names no scope for it.') : t('Granted by any one of: {0}', call.scopes.join(', ')),
  ];
}
