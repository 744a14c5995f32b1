import * as vscode from 'vscode';
import { CONFIG_SECTION } from './ids';

function readNumber(key: string, fallback: number, max: number): number {
  const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>(key, fallback);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(0, Math.floor(value)), max) : fallback;
}

/** Tokens expiring within this many days are flagged. */
export function expiryWarningDays(): number {
  return readNumber('expiryWarningDays', 14, 365);
}

/** 0 means a copied secret stays on the clipboard. */
export function clipboardClearSeconds(): number {
  return readNumber('clipboardClearSeconds', 60, 3600);
}

/** Whether Settings Sync carries the tenant list (never a secret) to the user's other machines. */
export function syncTenants(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('syncTenants', true) !== false;
}

/** Tokens not used within this many days are flagged unused by Token Health. */
export function unusedDays(): number {
  return readNumber('unusedDays', 90, 3650);
}
