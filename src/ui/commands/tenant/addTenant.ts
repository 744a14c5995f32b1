// Add Tenant, and the credential check Import Tenants from SailPoint CLI shares.
import * as vscode from 'vscode';
import { isPatError } from '../../../core/errors';
import type { Credentials, Tenant } from '../../../core/model';
import type { NewTenant } from '../../../core/patService';
import { trimCredentials } from '../../../core/validation';
import { VIEW_ID } from '../../ids';
import { quoted } from '../../prompts/prompts';
import { t } from '../../view/l10n';
import { askNewTenant, emptyTenantDraft, type TenantDraft } from './tenantPrompts';
import { optionalChoice } from '../../prompts/args';
import type { CommandRun, Invocation, PatCommand } from '../runner';

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

/** Why the wizard goes back to the secret step (Add Tenant, Update Credentials): the secret is asked again. */
export function refusedSecretText(error: unknown): string {
  const said = isPatError(error) && error.serverMessage !== undefined ? ` (${error.serverMessage})` : '';
  return t('The tenant rejected this client ID and secret{0}. Check them and enter the secret again.', said);
}

/**
 * Asks until the tenant accepts the credentials; a refused secret sends a person back to the secret step. A URL that
 * is already added ends the wizard after the URL step with that tenant (one tenant per URL); a script is refused by
 * the service instead, with a message naming the tenant.
 */
async function addTenant(run: CommandRun, invocation: Invocation): Promise<{ added: Tenant } | { existing: Tenant }> {
  const draft = emptyTenantDraft();
  if (run.ask.person) draft.isAdded = (url) => run.ui.service.tenantWithUrl(url) !== undefined;
  for (;;) {
    const answers = await askNewTenant(run.ask, draft);
    const existing = run.ask.person ? run.ui.service.tenantWithUrl(answers.url) : undefined;
    if (existing !== undefined) return { existing };
    const input = newTenant(answers, invocation);
    try {
      return {
        added: await run.network(t('Checking the credentials with the tenant…'), (signal) => run.ui.service.addTenant(input, signal), {
          passThrough: (error) => run.ask.person && isPatError(error, 'credentials-rejected'),
        }),
      };
    } catch (error) {
      if (!run.ask.person || !isPatError(error, 'credentials-rejected')) throw error;
      draft.secretProblem = refusedSecretText(error);
    }
  }
}

/** Adds a tenant once it accepted the credentials; Import Tenants from SailPoint CLI adds each environment with it. */
export async function addCheckedTenant(run: CommandRun, input: NewTenant): Promise<Tenant> {
  const tenant = await run.network(t('Checking the credentials with the tenant…'), (signal) => run.ui.service.addTenant(input, signal));
  run.ui.tree.refresh();
  return tenant;
}

export const addTenantCommand: PatCommand = {
  id: 'sailpointPat.addTenant',
  async run(run, invocation) {
    const outcome = await addTenant(run, invocation);
    if ('existing' in outcome) {
      run.inform(t('{0} already uses this URL: enter its new credentials instead.', quoted(outcome.existing.displayName)));
      await run.revealTenant(outcome.existing.id);
      await run.other('sailpointPat.updateCredentials', run.ui.tree.tenantNode(outcome.existing.id));
      return { tenantId: outcome.existing.id };
    }
    const tenant = outcome.added;
    run.ui.tree.refresh();
    if (run.ask.person) {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await run.revealTenant(tenant.id);
    }
    run.inform(
      tenant.apiFamily === 'v3'
        ? t('Tenant {0} added; its client secret is stored in VS Code SecretStorage. It uses the v3 PAT API, as most tenants do (Change API Family switches it).', quoted(tenant.displayName))
        : t('Tenant {0} added; its client secret is stored in VS Code SecretStorage. It uses the {1} PAT API (Change API Family switches it).', quoted(tenant.displayName), tenant.apiFamily),
    );
    return { tenantId: tenant.id };
  },
};
