// What a user takes out of the extension: the token inventory as a file (no secrets), and a token as SAIL_ env lines.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../core/ops/expiry';
import { envLines } from '../../core/ops/envLines';
import { PatError } from '../../core/errors';
import { collectInventory, inventoryText, type InventoryFormat, type InventoryScope, type TenantInventory } from '../../core/ops/inventory';
import type { Tenant } from '../../core/model';
import { plural } from '../view/presentation';
import { quoted, type Item } from '../prompts/prompts';
import { optionalChoice, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { status, storedSecret } from './secretCommands';
import { chooseTenant, NO_TENANT_YET, tokenLabel, tokenPickItems, tokenTarget, type TokenPick, type TokenTarget } from './targets';
import { TokenNode } from '../tree/tokenRows';

const FORMATS: readonly InventoryFormat[] = ['json', 'csv'];
const TITLE = 'Export Token Inventory';

interface ScopePick extends Item {
  scope: InventoryScope;
}

const SCOPES: readonly ScopePick[] = [
  {
    label: 'What the tree shows',
    detail: "The tokens each tenant lists in the view (its choice of whose tokens, and filter)",
    scope: 'asShown',
  },
  {
    label: "Everything each tenant's credentials can list",
    detail: 'All tokens where the credentials may read them all (else what the tenant lists); can be many more than the tree shows',
    scope: 'everything',
  },
];

function countOf(inventories: readonly TenantInventory[]): number {
  return inventories.reduce((sum, each) => sum + each.tokens.length, 0);
}

function failedTenants(inventories: readonly TenantInventory[]): TenantInventory[] {
  return inventories.filter((each) => each.error !== undefined);
}

/** Scripts: `format` and an absolute `path`, and always everything the credentials can list. */
function formatOf(file: string, args: ArgumentObject | undefined): InventoryFormat {
  if (args === undefined) return path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  const format = optionalChoice(args, 'format', FORMATS);
  if (format === undefined) throw new PatError('invalid-input', 'The argument "format" must be one of json, csv.');
  return format;
}

async function askTarget(run: CommandRun, args: ArgumentObject | undefined): Promise<{ scope: InventoryScope; file: string; format: InventoryFormat }> {
  const ask = run.ask.titled(TITLE);
  if (args !== undefined) formatOf('', args);
  const { scope } = await ask.pickOne({
    name: 'scope',
    placeholder: 'Which tokens to export? The file holds names, owners, scopes and dates, never a secret.',
    items: SCOPES,
    fromArguments: () => SCOPES[1],
  });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = await ask.saveLocation({
    name: 'path',
    title: `${TITLE} (no secrets)`,
    saveLabel: 'Export',
    suggestedPath: folder === undefined ? undefined : path.join(folder.fsPath, `sailpoint-pat-inventory-${localDay(Date.now())}.csv`),
    filters: { CSV: ['csv'], JSON: ['json'] },
  });
  if (!path.isAbsolute(file)) throw new PatError('invalid-input', 'The argument "path" must be an absolute file path.');
  return { scope, file, format: formatOf(file, args) };
}

async function tellExported(run: CommandRun, inventories: readonly TenantInventory[], file: string, scope: InventoryScope): Promise<void> {
  const count = countOf(inventories);
  const failed = failedTenants(inventories);
  const what = scope === 'asShown' ? 'as the tree lists them' : "all each tenant's credentials can list";
  const base = `Exported ${plural(count, 'token')} (${what}) from ${plural(inventories.length - failed.length, 'tenant')} to ${path.basename(file)}.`;
  const choice = await run.ask.message({
    severity: failed.length === 0 ? 'info' : 'warning',
    message: failed.length === 0 ? base : `${base} Could not list ${failed.map((each) => quoted(each.tenant.displayName)).join(', ')}.`,
    actions: failed.length === 0 ? (['Open File'] as const) : (['Open File', 'Show Log'] as const),
  });
  if (choice === 'Open File') await vscode.window.showTextDocument(vscode.Uri.file(file));
  if (choice === 'Show Log') run.ui.logChannel.show(true);
}

export const exportInventoryCommand: PatCommand = {
  id: 'sailpointPat.exportInventory',
  async run(run, invocation) {
    if (run.ask.person && run.ui.service.listTenants().length === 0) throw new PatError('invalid-input', NO_TENANT_YET);
    const { scope, file, format } = await askTarget(run, invocation.args);
    const title = scope === 'asShown' ? 'Listing the tokens each tenant shows…' : 'Listing every token of every tenant…';
    const inventories = await run.network(title, (signal) => collectInventory(run.ui.service, signal, scope));
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), new TextEncoder().encode(inventoryText(format, inventories, new Date().toISOString())));
    run.ui.logger.info(`Exported an inventory of ${plural(countOf(inventories), 'token')} (${format}) to ${file}.`);
    failedTenants(inventories).forEach((each) => run.ui.logger.warn(`Inventory: tenant "${each.tenant.displayName}" could not be listed: ${each.error ?? ''}`));
    inventories
      .filter((each) => each.ownerStatusProblem !== undefined)
      .forEach((each) => run.ui.logger.warn(`Inventory: owner status of tenant "${each.tenant.displayName}" is not available: ${each.ownerStatusProblem ?? ''}`));
    if (run.ask.person) void tellExported(run, inventories, file, scope).catch((error: unknown) => run.logFailure(error));
    return {
      count: countOf(inventories),
      failedTenants: failedTenants(inventories).map((each) => ({ tenantId: each.tenant.id, message: each.error })),
    };
  },
};

/** Copies the lines through SecretClipboard, which clears them later if the clipboard still holds them. */
async function copyAsEnv(run: CommandRun, target: TokenTarget): Promise<void> {
  const { tenant, tokenId } = target;
  const secret = await storedSecret(run, tenant.id, tokenLabel(target), tokenId);
  const seconds = await run.ui.clipboard.copySecret(envLines({ baseUrl: tenant.baseUrl, clientId: tokenId, clientSecret: secret }));
  const clearing = seconds > 0 ? ` The clipboard is cleared in ${seconds} s if it still holds them.` : '';
  status(run, `SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET of ${tokenLabel(target)} copied.${clearing}`);
}

/** The tenant's tokens whose secret is stored here, as pick items (Copy as Environment Variables, Open Terminal). */
export async function tokensWithSecretItems(run: CommandRun, tenant: Tenant): Promise<TokenPick[]> {
  const stored = run.ui.service.storedSecretTokenIds(tenant.id);
  return (await tokenPickItems(run, tenant)).filter((item) => stored.has(item.token.id));
}

/** From the palette: a token of the chosen tenant whose secret is stored here. */
async function pickTokenWithSecret(run: CommandRun, tenant: Tenant): Promise<TokenTarget> {
  const items = await tokensWithSecretItems(run, tenant);
  if (items.length === 0) throw new PatError('invalid-input', `No token of ${quoted(tenant.displayName)} has its secret stored in VS Code.`);
  const { token } = await run.ask.titled('Copy as Environment Variables').pickOne({ name: 'tokenId', placeholder: 'Token whose SAIL_ variables to copy', items });
  return { tenant, tokenId: token.id, token };
}

export const copyTokenAsEnvCommand: PatCommand = {
  id: 'sailpointPat.copyTokenAsEnv',
  async run(run, invocation) {
    const fromTreeOrArgs = invocation.node instanceof TokenNode || invocation.args !== undefined;
    const target = fromTreeOrArgs
      ? tokenTarget(run, invocation)
      : await pickTokenWithSecret(run, await chooseTenant(run, invocation, 'Copy as Environment Variables'));
    await copyAsEnv(run, target);
    return undefined;
  },
};
