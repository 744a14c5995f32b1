// Shared by the integration tests: the extension's automation API, tree reading, and the canary registry.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnsweredRun } from '../../src/ui/commands/testRuns';
import type { QueuedAnswer as Answer, Shown } from '../../src/ui/prompts/queuedPrompts';

export const EXTENSION_ID = 'sailpoint-pat-manager.sailpoint-pat-manager';

/** What activate() returns: a frozen, tree-reading facade (a TreeDataProvider) and a read-only view. */
export interface PatExtensionApi extends vscode.TreeDataProvider<vscode.TreeItem> {
  treeView: Pick<vscode.TreeView<vscode.TreeItem>, 'badge' | 'visible' | 'selection'>;
}

export async function extensionApi(): Promise<PatExtensionApi> {
  const extension = vscode.extensions.getExtension<PatExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return await extension.activate();
}

/** Every secret the tests hand to the extension or let the fake tenant mint; none may reach a log or a file. */
export const canaries: string[] = [];

/** A unique secret that no redaction rule recognises by its shape: only real care keeps it out of sinks. */
export function canarySecret(kind: string): string {
  const secret = `canary-${kind}-${randomBytes(12).toString('base64url')}`;
  canaries.push(secret);
  return secret;
}

export function rememberSecret(secret: string): void {
  canaries.push(secret);
}

export async function provider(): Promise<vscode.TreeDataProvider<vscode.TreeItem>> {
  return await extensionApi();
}

export async function children(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
  const tree = await provider();
  const nodes = (await tree.getChildren(element)) ?? [];
  const items: vscode.TreeItem[] = [];
  for (const node of nodes) items.push(await tree.getTreeItem(node));
  return items;
}

export async function tenantElement(tenantId: string): Promise<vscode.TreeItem> {
  const tenant = (await children()).find((item) => item.id === `tenant:${tenantId}`);
  assert.ok(tenant, `no tenant element for ${tenantId}`);
  return tenant;
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The tooltip as a hover shows it: token rows build theirs only when VS Code resolves the item. */
export async function tooltipOf(item: vscode.TreeItem): Promise<string> {
  const tree = await provider();
  const resolved = (await tree.resolveTreeItem?.(item, item, new vscode.CancellationTokenSource().token)) ?? item;
  return typeof resolved.tooltip === 'string' ? resolved.tooltip : (resolved.tooltip?.value ?? '');
}

/** The tenant's token elements by name. */
export async function tokensOf(tenantId: string): Promise<Map<string, vscode.TreeItem>> {
  const items = await children(await tenantElement(tenantId));
  return new Map(items.filter((item) => item.contextValue?.startsWith('token')).map((item) => [labelOf(item), item]));
}

export function run<T = unknown>(command: string, args?: object): Thenable<T> {
  return args === undefined ? vscode.commands.executeCommand<T>(command) : vscode.commands.executeCommand<T>(command, args);
}

export async function rejectsWith(command: string, args: object, pattern: RegExp): Promise<void> {
  await assert.rejects(() => Promise.resolve(run(command, args)), (error: unknown) => {
    assert.ok(error instanceof Error, 'the rejection is not an Error');
    assert.match(error.message, pattern);
    return true;
  });
}

/** Leaves no tenant behind, so each file starts from the welcome state. */
export async function removeAllTenants(): Promise<void> {
  for (const tenant of await children()) {
    await run('sailpointPat.removeTenant', { tenantId: (tenant.id ?? '').replace(/^tenant:/, '') });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The terminal VS Code opened with this name, waiting briefly for it to appear. */
export async function terminalNamed(name: string): Promise<vscode.Terminal> {
  for (let waited = 0; waited < 5000; waited += 100) {
    const terminal = vscode.window.terminals.find((each) => each.name === name);
    if (terminal !== undefined) return terminal;
    await sleep(100);
  }
  assert.fail(`no terminal named ${name}`);
}

/** Waits until the check holds (polling every 50 ms), or fails naming what never happened. */
export async function eventually(check: () => Promise<boolean>, what: string, tries = 50): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting until ${what}`);
}

export type { QueuedAnswer as Answer, Shown } from '../../src/ui/prompts/queuedPrompts';

export const ESCAPE: Answer = { escape: true };
export const BACK: Answer = { back: true };


/**
 * Runs a command as a person who gives exactly these answers, through the extension's test-mode-only hook, and
 * fails on a prompt nobody answered or an answer nobody asked for. Returns everything the person was shown.
 */
export async function asPerson(
  command: string,
  answers: Answer[],
  on?: { node?: vscode.TreeItem; selection?: vscode.TreeItem[]; resources?: vscode.Uri[] },
): Promise<Shown[]> {
  await provider();
  const request = { command, answers, node: on?.node, selection: on?.selection, resources: on?.resources };
  const result = await vscode.commands.executeCommand<AnsweredRun>('sailpointPat.test.runWithAnswers', request);
  assert.equal(result.failure, undefined, `${command}: ${result.failure ?? ''}\nshown: ${JSON.stringify(result.shown, null, 1)}`);
  return result.shown;
}

/**
 * Runs a command as a script with this argument object while a person answers the modals only a person may answer
 * (e.g. Open Terminal Signed In); returns the result and what the person was shown.
 */
export async function asScriptWithPerson<T = unknown>(command: string, args: object, answers: Answer[]): Promise<{ result: T; shown: Shown[] }> {
  await provider();
  const outcome = await vscode.commands.executeCommand<AnsweredRun>('sailpointPat.test.runWithAnswers', { command, args, answers });
  assert.equal(outcome.failure, undefined, `${command}: ${outcome.failure ?? ''}\nshown: ${JSON.stringify(outcome.shown, null, 1)}`);
  return { result: outcome.result as T, shown: outcome.shown };
}

/** The messages (notifications and modals with buttons) among what was shown, as their text. */
export function messagesIn(shown: readonly Shown[]): string[] {
  return shown.filter((each) => each.kind === 'message').map((each) => each.text);
}

/** The launcher's user-data folder, where the extension's log file is written (unknown in desktop runs). */
export const userDataDir = process.env.SAILPOINT_PAT_TEST_USER_DATA_DIR ?? '';

export function extensionLog(): string {
  return fs
    .readdirSync(userDataDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.includes('SailPoint PAT Manager'))
    .map((name) => fs.readFileSync(path.join(userDataDir, name), 'utf8'))
    .join('\n');
}

/** The offline launcher's sandbox; undefined on a desktop run, where nothing can act as the user in the page. */
export const SANDBOX_DIR = process.env.SAILPOINT_PAT_TEST_SANDBOX_DIR || undefined;

/** Never put a canary in text: the request line travels through the extension host's console. */
export interface UiRequest {
  action: 'quickInput';
  /** Text the quick input must show before the launcher acts, so a step is never answered twice. */
  expect?: string;
  text?: string;
}

let uiRequests = 0;

/**
 * Has the offline launcher act as the user in the workbench page (test/runner/run-vscode-tests.mjs, answerUiRequest):
 * type into the quick input and press Enter. Resolves with the text the quick input showed.
 */
export async function actAsUser(request: UiRequest): Promise<string> {
  assert.ok(SANDBOX_DIR, 'acting as the user needs the offline launcher');
  const id = `${process.pid}-${++uiRequests}`;
  const answerFile = path.join(SANDBOX_DIR, `ui-driver-${id}.json`);
  console.log(`[ui-driver] ${JSON.stringify({ id, ...request })}`);
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (fs.existsSync(answerFile)) {
      const answer = JSON.parse(fs.readFileSync(answerFile, 'utf8')) as { ok: boolean; text?: string; error?: string };
      fs.rmSync(answerFile);
      assert.ok(answer.ok, `the launcher could not ${request.action}: ${answer.error ?? ''}`);
      return answer.text ?? '';
    }
    await sleep(100);
  }
  assert.fail(`the launcher did not answer the ${request.action} request`);
}

/** The sandbox files (VS Code's user data, home, tmp) whose bytes hold the secret; [] on a desktop run. */
export function sandboxFilesHolding(secret: string): string[] {
  if (SANDBOX_DIR === undefined) return [];
  const entries = fs.readdirSync(SANDBOX_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      try {
        return fs.readFileSync(file).includes(secret);
      } catch {
        return false;
      }
    });
}
