// Export Token Inventory: the token inventory as a JSON or CSV file, without secrets.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../../core/ops/expiry';
import { PatError } from '../../../core/errors';
import { collectInventory, inventoryText, type InventoryFormat, type InventoryScope, type TenantInventory } from '../../../core/ops/inventory';
import { tenantCount, tokenCount } from '../../view/counts';
import { quoted, type Item } from '../../prompts/prompts';
import { optionalChoice, type ArgumentObject } from '../../prompts/args';
import type { CommandRun, PatCommand } from '../runner';
import { noTenantYet } from '../targets';
import { t } from '../../view/l10n';

const FORMATS: readonly InventoryFormat[] = ['json', 'csv'];

function title(): string {
  return t('Export Token Inventory');
}

interface ScopePick extends Item {
  scope: InventoryScope;
}

const SCOPES: readonly ScopePick[] = [
  {
    get label() { return t('What the tree shows'); },
    get detail() { return t("The tokens each tenant lists in the view (its choice of whose tokens, and filter)"); },
    scope: 'asShown',
  },
  {
    get label() { return t("Everything each tenant's credentials can list"); },
    get detail() { return t('All tokens where the credentials may read them all (else what the tenant lists); can be many more than the tree shows'); },
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
function formatOf(file: vscode.Uri | undefined, args: ArgumentObject | undefined): InventoryFormat {
  if (args === undefined) return path.posix.extname(file?.path ?? '').toLowerCase() === '.json' ? 'json' : 'csv';
  const format = optionalChoice(args, 'format', FORMATS);
  if (format === undefined) throw new PatError('invalid-input', t('The argument "format" must be one of json, csv.'));
  return format;
}

/** A person's answer is the save dialog's URI, which may be remote or virtual; a script's `path` is a local file. */
function targetUri(answer: string, person: boolean): vscode.Uri {
  if (person) return vscode.Uri.parse(answer, true);
  if (!path.isAbsolute(answer)) throw new PatError('invalid-input', t('The argument "path" must be an absolute file path.'));
  return vscode.Uri.file(answer);
}

/** How the log and the message name the file: a local path as a path, anything else as its URI. */
function fileText(file: vscode.Uri): string {
  return file.scheme === 'file' ? file.fsPath : file.toString(true);
}

async function askTarget(run: CommandRun, args: ArgumentObject | undefined): Promise<{ scope: InventoryScope; file: vscode.Uri; format: InventoryFormat }> {
  const ask = run.ask.titled(title());
  if (args !== undefined) formatOf(undefined, args);
  const { scope } = await ask.pickOne({
    name: 'scope',
    placeholder: t('Which tokens to export? The file holds names, owners, scopes and dates, never a secret.'),
    items: SCOPES,
    fromArguments: () => SCOPES[1],
  });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const answer = await ask.saveLocation({
    name: 'path',
    title: t('{0} (no secrets)', title()),
    saveLabel: t('Export'),
    suggestedUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, `sailpoint-pat-inventory-${localDay(Date.now())}.csv`).toString(),
    filters: { CSV: ['csv'], JSON: ['json'] },
  });
  const file = targetUri(answer, run.ask.person);
  return { scope, file, format: formatOf(file, args) };
}

async function tellExported(run: CommandRun, inventories: readonly TenantInventory[], file: vscode.Uri, scope: InventoryScope): Promise<void> {
  const count = countOf(inventories);
  const failed = failedTenants(inventories);
  const what = scope === 'asShown' ? t('as the tree lists them') : t("all each tenant's credentials can list");
  const base = t('Exported {0} ({1}) from {2} to {3}.', tokenCount(count), what, tenantCount(inventories.length - failed.length), path.posix.basename(file.path));
  const choice = await run.ask.message({
    severity: failed.length === 0 ? 'info' : 'warning',
    message: failed.length === 0 ? base : t('{0} Could not list {1}.', base, failed.map((each) => quoted(each.tenant.displayName)).join(', ')),
    actions: failed.length === 0 ? ([t('Open File')] as const) : ([t('Open File'), t('Show Log')] as const),
  });
  if (choice === t('Open File')) await vscode.window.showTextDocument(file);
  if (choice === t('Show Log')) run.ui.logChannel.show(true);
}

export const exportInventoryCommand: PatCommand = {
  id: 'sailpointPat.exportInventory',
  async run(run, invocation) {
    if (run.ask.person && run.ui.service.listTenants().length === 0) throw new PatError('invalid-input', noTenantYet());
    const { scope, file, format } = await askTarget(run, invocation.args);
    const title = scope === 'asShown' ? t('Listing the tokens each tenant shows…') : t('Listing every token of every tenant…');
    const inventories = await run.network(title, (signal) => collectInventory(run.ui.service, signal, scope));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(inventoryText(format, inventories, new Date().toISOString())));
    run.ui.logger.info(`Exported an inventory of ${countOf(inventories)} tokens (${format}) to ${fileText(file)}.`);
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
