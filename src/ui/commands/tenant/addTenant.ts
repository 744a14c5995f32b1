// Add Tenant, Update Credentials, Rename Tenant, Remove Tenant.
import * as vscode from 'vscode';
import { isPatError, PatError } from '../../core/errors';
import type { ApiFamily, Credentials, Tenant } from '../../core/model';
import type { NewTenant } from '../../core/patService';
import { trimCredentials, validateDisplayName } from '../../core/validation';
import { plural } from '../view/presentation';
import { VIEW_ID } from '../ids';
import { quoted, shown, type Item } from '../prompts/prompts';
import { askCredentials, askNewTenant, emptyTenantDraft, type TenantDraft } from '../prompts/tenantPrompts';
import { optionalChoice } from './args';
import type { CommandRun, Invocation, PatCommand } from './runner';
import { chooseTenant } from './targets';

/** The core registers the secret with the redactor where credentials enter it (PatService.checkedCredentials). */
export function credentialsFrom(clientId: string, clientSecret: string): Credentials {
  return trimCredentials({ clientId, clientSecret });
}

function newTenant(draft: TenantDraft, invocation: Invocation): NewTenant {
  return {
    url: draft.url.trim(),
    displayName: draft.displayName.trim() || undefined,
    // People get v3, which most tenants use; scripts may name the family.
    apiFamily: invocation.args === undefined ? undefined : optionalChoice(invocation.args, 'apiFamily', ['v3', 'v1'] as const),
    credentials: credentialsFrom(draft.clientId, draft.clientSecret),
  };
}

/** Why Add Tenant goes back to the secret step: the tenant is not added yet, so there are no credentials to update. */
function refusedSecretText(error: unknown): string {
  const said = isPatError(error) && error.serverMessage !== undefined ? ` (${error.serverMessage})` : '';
  return `The tenant rejected this client ID and secret${said}. Check them and enter the secret again.`;
}

/** Asks until the tenant accepts the credentials; a refused secret sends a person back to the secret step. */
async function addTenant(run: CommandRun, invocation: Invocation): Promise<Tenant> {
  const draft = emptyTenantDraft();
  for (;;) {
    const input = newTenant(await askNewTenant(run.ask, draft), invocation);
    try {
      return await run.network('Checking the credentials with the tenant…', (signal) => run.ui.service.addTenant(input, signal), {
        passThrough: (error) => run.ask.person && isPatError(error, 'credentials-rejected'),
      });
    } catch (error) {
      if (!run.ask.person || !isPatError(error, 'credentials-rejected')) throw error;
      draft.secretProblem = refusedSecretText(error);
    }
  }
}

/** Adds a tenant once it accepted the credentials; Import Tenants from SailPoint CLI adds each environment with it. */
export async function addCheckedTenant(run: CommandRun, input: NewTenant): Promise<Tenant> {
  const tenant = await run.network('Checking the credentials with the tenant…', (signal) => run.ui.service.addTenant(input, signal));
  run.ui.tree.refresh();
  return tenant;
}

export const addTenantCommand: PatCommand = {
  id: 'sailpointPat.addTenant',
  async run(run, invocation) {
    const tenant = await addTenant(run, invocation);
    run.ui.tree.refresh();
    if (run.ask.person) {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await run.revealTenant(tenant.id);
    }
    run.inform(
      `Tenant ${quoted(tenant.displayName)} added; its client secret is stored in VS Code SecretStorage. ` +
        `It uses the ${tenant.apiFamily} PAT API${tenant.apiFamily === 'v3' ? ', as most tenants do' : ''} (Change API Family switches it).`,
    );
    return { tenantId: tenant.id };
  },
};

export const updateCredentialsCommand: PatCommand = {
  id: 'sailpointPat.updateCredentials',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Update Credentials');
    const current = run.ask.person ? await run.ui.service.signInClientId(tenant.id) : undefined;
    const entered = await askCredentials(run.ask, quoted(tenant.displayName), current);
    const credentials = credentialsFrom(entered.clientId, entered.clientSecret);
    await run.network(
      `Checking the new credentials of ${quoted(tenant.displayName)}…`,
      (signal) => run.ui.service.updateCredentials(tenant.id, credentials, signal),
      { busy: [{ tenantId: tenant.id }], busyLabel: 'Checking credentials…', tenantId: tenant.id },
    );
    run.ui.tree.refresh(tenant.id);
    run.inform(`The new credentials of ${quoted(tenant.displayName)} work and are stored in VS Code SecretStorage.`);
    return undefined;
  },
};

export const renameTenantCommand: PatCommand = {
  id: 'sailpointPat.renameTenant',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Rename Tenant');
    const displayName = await run.ask.titled('Rename Tenant').inputText({
      name: 'displayName',
      prompt: 'A name to show in the tree',
      value: tenant.displayName,
      validate: validateDisplayName,
    });
    await run.ui.service.renameTenant(tenant.id, displayName.trim());
    run.ui.tree.refresh();
    return undefined;
  },
};

export const removeTenantCommand: PatCommand = {
  id: 'sailpointPat.removeTenant',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Remove Tenant');
    const stored = run.ui.service.storedSecretTokenIds(tenant.id).size;
    await run.ask.confirm({
      name: 'confirm',
      message: `Remove the tenant ${quoted(tenant.displayName)} from VS Code?`,
      detail:
        `Its client ID and secret${stored > 0 ? ` and ${plural(stored, 'stored token secret')}` : ''} ` +
        'are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.',
      button: 'Remove Tenant',
    });
    await run.ui.service.removeTenant(tenant.id);
    run.ui.tree.refresh();
    return undefined;
  },
};

interface FamilyPick extends Item {
  family: ApiFamily;
}

const FAMILIES: readonly FamilyPick[] = [
  { label: 'v3', description: '/v3/personal-access-tokens', detail: 'The API most tenants use today; Add Tenant starts with it', family: 'v3' },
  { label: 'v1', description: '/personal-access-tokens/v1', detail: 'The per-service API that succeeds v3; only it can change an expiry', family: 'v1' },
];

/** Out of Add Tenant's way: a new user cannot answer it, and v3 is right for most tenants. */
export const setApiFamilyCommand: PatCommand = {
  id: 'sailpointPat.setApiFamily',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Change API Family');
    const { family } = await run.ask.titled(`API Family of ${shown(tenant.displayName)}`).pickOne({
      name: 'apiFamily',
      placeholder: `Which PAT API does ${shown(tenant.displayName)} use? Now: ${tenant.apiFamily}`,
      items: FAMILIES,
      active: FAMILIES.find((each) => each.family === tenant.apiFamily),
      fromArguments: (args) => {
        const family = optionalChoice(args, 'apiFamily', ['v3', 'v1'] as const);
        if (family === undefined) throw new PatError('invalid-input', 'The argument "apiFamily" must be one of v3, v1.');
        return { label: family, family };
      },
    });
    await run.ui.service.setApiFamily(tenant.id, family);
    run.ui.tree.refresh(tenant.id);
    run.inform(`${quoted(tenant.displayName)} now uses the ${family} PAT API.`);
    return undefined;
  },
};
