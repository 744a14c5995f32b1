// What a user takes out of the extension: the token inventory as a file (no secrets), and a token as SAIL_ env lines.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../core/ops/expiry';
import { envLines } from '../../core/ops/envLines';
import { PatError } from '../../core/errors';
import { collectInventory, inventoryText, type InventoryFormat, type TenantInventory } from '../../core/ops/inventory';
import type { PersonalAccessToken, Tenant } from '../../core/model';
import { stripUnsafeCharacters } from '../../core/validation';
import { singleInput, UserCancelled } from '../prompts/wizard';
import { TokenNode } from '../tree/nodes';
import { optionalChoice, requireString, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { chooseTenant, tenantFromArgs, tokenPickItems } from './targets';

const FORMATS: readonly InventoryFormat[] = ['json', 'csv'];
const STATUS_MESSAGE_MS = 5000;

function shown(text: string): string {
  return stripUnsafeCharacters(text);
}

async function exportInventory(run: CommandRun, format: InventoryFormat, target: vscode.Uri): Promise<TenantInventory[]> {
  const inventories = await run.network('Listing every token of every tenant…', (signal) => collectInventory(run.ui.service, signal));
  const text = inventoryText(format, inventories, new Date().toISOString());
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const count = inventories.reduce((sum, each) => sum + each.tokens.length, 0);
  run.ui.logger.info(`Exported an inventory of ${count} tokens (${format}) to ${target.fsPath}.`);
  inventories
    .filter((each) => each.error !== undefined)
    .forEach((each) => run.ui.logger.warn(`Inventory: tenant "${each.tenant.displayName}" could not be listed: ${each.error ?? ''}`));
  inventories
    .filter((each) => each.ownerStatusProblem !== undefined)
    .forEach((each) => run.ui.logger.warn(`Inventory: owner status of tenant "${each.tenant.displayName}" is not available: ${each.ownerStatusProblem ?? ''}`));
  return inventories;
}

function failedTenants(inventories: readonly TenantInventory[]): TenantInventory[] {
  return inventories.filter((each) => each.error !== undefined);
}

async function askTarget(): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `sailpoint-pat-inventory-${localDay(Date.now())}.csv`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Token Inventory (no secrets)',
    saveLabel: 'Export',
    defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, name),
    filters: { CSV: ['csv'], JSON: ['json'] },
  });
  if (target === undefined) throw new UserCancelled();
  return target;
}

async function tellExported(run: CommandRun, inventories: readonly TenantInventory[], target: vscode.Uri): Promise<void> {
  const count = inventories.reduce((sum, each) => sum + each.tokens.length, 0);
  const failed = failedTenants(inventories);
  const open = 'Open File';
  const showLog = 'Show Log';
  const base = `Exported ${count} token${count === 1 ? '' : 's'} from ${inventories.length - failed.length} tenant(s) to ${path.posix.basename(target.path)}.`;
  const choice =
    failed.length === 0
      ? await vscode.window.showInformationMessage(base, open)
      : await vscode.window.showWarningMessage(`${base} Could not list ${failed.map((each) => `"${shown(each.tenant.displayName)}"`).join(', ')}.`, open, showLog);
  if (choice === open) await vscode.window.showTextDocument(target);
  if (choice === showLog) run.ui.logChannel.show(true);
}

export const exportInventoryCommand: PatCommand = {
  id: 'sailpointPat.exportInventory',
  async interactive(run) {
    if (run.ui.service.listTenants().length === 0) throw new PatError('invalid-input', 'No tenant yet: add one first with "SailPoint PAT: Add Tenant".');
    const target = await askTarget();
    const format: InventoryFormat = path.posix.extname(target.path).toLowerCase() === '.json' ? 'json' : 'csv';
    const inventories = await exportInventory(run, format, target);
    void tellExported(run, inventories, target).catch((error: unknown) => run.logFailure(error));
  },
  async automated(run, args) {
    const format = optionalChoice(args, 'format', FORMATS);
    if (format === undefined) throw new PatError('invalid-input', 'The argument "format" must be one of json, csv.');
    const file = requireString(args, 'path');
    if (!path.isAbsolute(file)) throw new PatError('invalid-input', 'The argument "path" must be an absolute file path.');
    const inventories = await exportInventory(run, format, vscode.Uri.file(file));
    return {
      count: inventories.reduce((sum, each) => sum + each.tokens.length, 0),
      failedTenants: failedTenants(inventories).map((each) => ({ tenantId: each.tenant.id, message: each.error })),
    };
  },
};

/** Copies the lines through SecretClipboard, which clears them later if the clipboard still holds them. */
async function copyAsEnv(run: CommandRun, tenant: Tenant, token: Pick<PersonalAccessToken, 'id'> & { name?: string }): Promise<void> {
  const label = token.name === undefined ? token.id : `"${shown(token.name)}"`;
  const secret = await run.ui.service.getStoredSecret(tenant.id, token.id);
  if (secret === undefined) {
    throw new PatError('invalid-input', `No secret of token ${label} is stored in VS Code; it is shown only when the token is created.`);
  }
  const seconds = await run.ui.clipboard.copySecret(envLines({ baseUrl: tenant.baseUrl, clientId: token.id, clientSecret: secret }));
  const clearing = seconds > 0 ? ` The clipboard is cleared in ${seconds} s if it still holds them.` : '';
  if (!run.automated) vscode.window.setStatusBarMessage(`SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET of ${label} copied.${clearing}`, STATUS_MESSAGE_MS);
}

/** From the palette: a token of the chosen tenant whose secret is stored here. */
async function pickTokenWithSecret(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken> {
  const stored = run.ui.service.storedSecretTokenIds(tenant.id);
  const items = (await tokenPickItems(run, tenant)).filter((item) => stored.has(item.token.id));
  if (items.length === 0) throw new PatError('invalid-input', `No token of "${shown(tenant.displayName)}" has its secret stored in VS Code.`);
  return (await singleInput('Copy as Environment Variables').pickOne({ placeholder: 'Token whose SAIL_ variables to copy', items })).token;
}

export const copyTokenAsEnvCommand: PatCommand = {
  id: 'sailpointPat.copyTokenAsEnv',
  async interactive(run, node) {
    if (node instanceof TokenNode) {
      await copyAsEnv(run, node.parent.tenant, node.token);
      return;
    }
    const tenant = await chooseTenant(run, node, 'Copy as Environment Variables');
    await copyAsEnv(run, tenant, await pickTokenWithSecret(run, tenant));
  },
  async automated(run, args: ArgumentObject) {
    await copyAsEnv(run, tenantFromArgs(run, args), { id: requireString(args, 'tokenId') });
  },
};
