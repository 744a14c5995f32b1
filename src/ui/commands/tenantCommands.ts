// Add Tenant, Update Credentials, Rename Tenant, Remove Tenant.
import * as vscode from 'vscode';
import type { Credentials, Tenant } from '../../core/model';
import { defaultRedactor } from '../../core/client/redact';
import type { NewTenant } from '../../core/patService';
import { stripUnsafeCharacters, trimCredentials, validateDisplayName } from '../../core/validation';
import { askCredentials, askNewTenant } from '../prompts/tenantPrompts';
import { singleInput, UserCancelled } from '../prompts/wizard';
import { VIEW_ID } from '../ids';
import { optionalChoice, optionalString, requireString, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { chooseTenant, tenantFromArgs } from './targets';

function credentialsFrom(clientId: string, clientSecret: string): Credentials {
  // Registered first, so that no later log line or error can repeat it.
  defaultRedactor.register(clientSecret.trim());
  return trimCredentials({ clientId, clientSecret });
}

function name(tenant: Tenant): string {
  return stripUnsafeCharacters(tenant.displayName);
}

async function addTenant(run: CommandRun, input: NewTenant): Promise<Tenant> {
  const tenant = await run.network('Checking the credentials with the tenant…', (signal) => run.ui.service.addTenant(input, signal));
  run.ui.tree.refresh();
  return tenant;
}

export const addTenantCommand: PatCommand = {
  id: 'sailpointPat.addTenant',
  async interactive(run) {
    const input = await askNewTenant();
    const tenant = await addTenant(run, { ...input, credentials: credentialsFrom(input.credentials.clientId, input.credentials.clientSecret) });
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    run.inform(`Tenant "${name(tenant)}" added; its client secret is stored in VS Code SecretStorage.`);
  },
  async automated(run, args: ArgumentObject) {
    const tenant = await addTenant(run, {
      url: requireString(args, 'url'),
      displayName: optionalString(args, 'displayName'),
      apiFamily: optionalChoice(args, 'apiFamily', ['v3', 'v1'] as const),
      credentials: credentialsFrom(requireString(args, 'clientId'), requireString(args, 'clientSecret')),
    });
    return { tenantId: tenant.id };
  },
};

async function updateCredentials(run: CommandRun, tenant: Tenant, credentials: Credentials): Promise<void> {
  const node = run.ui.tree.tenantNode(tenant.id);
  await run.network(
    `Checking the new credentials of ${name(tenant)}…`,
    (signal) => run.ui.service.updateCredentials(tenant.id, credentials, signal),
    { busy: node === undefined ? [] : [node], busyLabel: 'Checking credentials…', tenantId: tenant.id },
  );
  run.ui.tree.refresh(tenant.id);
}

export const updateCredentialsCommand: PatCommand = {
  id: 'sailpointPat.updateCredentials',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Update Credentials');
    const current = await run.ui.service.signInClientId(tenant.id);
    const entered = await askCredentials(name(tenant), current);
    await updateCredentials(run, tenant, credentialsFrom(entered.clientId, entered.clientSecret));
    run.inform(`The new credentials of "${name(tenant)}" work and are stored in VS Code SecretStorage.`);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    await updateCredentials(run, tenant, credentialsFrom(requireString(args, 'clientId'), requireString(args, 'clientSecret')));
  },
};

async function renameTenant(run: CommandRun, tenant: Tenant, displayName: string): Promise<void> {
  await run.ui.service.renameTenant(tenant.id, displayName.trim());
  run.ui.tree.refresh();
}

export const renameTenantCommand: PatCommand = {
  id: 'sailpointPat.renameTenant',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Rename Tenant');
    const displayName = await singleInput('Rename Tenant').inputBox({
      prompt: 'A name to show in the tree',
      value: tenant.displayName,
      validate: validateDisplayName,
    });
    await renameTenant(run, tenant, displayName);
  },
  async automated(run, args) {
    await renameTenant(run, tenantFromArgs(run, args), requireString(args, 'displayName'));
  },
};

async function removeTenant(run: CommandRun, tenant: Tenant): Promise<void> {
  await run.ui.service.removeTenant(tenant.id);
  run.ui.tree.refresh();
}

export const removeTenantCommand: PatCommand = {
  id: 'sailpointPat.removeTenant',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Remove Tenant');
    const stored = run.ui.service.storedSecretTokenIds(tenant.id).size;
    const button = 'Remove Tenant';
    const answer = await vscode.window.showWarningMessage(
      `Remove the tenant "${name(tenant)}" from VS Code?`,
      {
        modal: true,
        detail:
          `Its client ID and secret${stored > 0 ? ` and ${stored} stored token secret${stored === 1 ? '' : 's'}` : ''} ` +
          'are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.',
      },
      button,
    );
    if (answer !== button) throw new UserCancelled();
    await removeTenant(run, tenant);
  },
  async automated(run, args) {
    await removeTenant(run, tenantFromArgs(run, args));
  },
};
