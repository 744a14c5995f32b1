// Change API Family: which PAT API (v3 or v1) a tenant is asked through.
import { PatError } from '../../../core/errors';
import type { ApiFamily } from '../../../core/model';
import { quoted, shown, type Item } from '../../prompts/prompts';
import { optionalChoice } from '../../prompts/args';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { t } from '../../view/l10n';

interface FamilyPick extends Item {
  family: ApiFamily;
}

const FAMILIES: readonly FamilyPick[] = [
  { label: 'v3', description: '/v3/personal-access-tokens', get detail() { return t('The API most tenants use today; Add Tenant starts with it'); }, family: 'v3' },
  { label: 'v1', description: '/personal-access-tokens/v1', get detail() { return t('The per-service API that succeeds v3; only it can change an expiry'); }, family: 'v1' },
];

/** Out of Add Tenant's way: a new user cannot answer it, and v3 is right for most tenants. */
export const setApiFamilyCommand: PatCommand = {
  id: 'sailpointPat.setApiFamily',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Change API Family'));
    const { family } = await run.ask.titled(t('API Family of {0}', shown(tenant.displayName))).pickOne({
      name: 'apiFamily',
      placeholder: t('Which PAT API does {0} use? Now: {1}', shown(tenant.displayName), tenant.apiFamily),
      items: FAMILIES,
      active: FAMILIES.find((each) => each.family === tenant.apiFamily),
      fromArguments: (args) => {
        const family = optionalChoice(args, 'apiFamily', ['v3', 'v1'] as const);
        if (family === undefined) throw new PatError('invalid-input', t('The argument "apiFamily" must be one of v3, v1.'));
        return { label: family, family };
      },
    });
    await run.ui.service.setApiFamily(tenant.id, family);
    run.ui.tree.refresh(tenant.id);
    run.inform(t('{0} now uses the {1} PAT API.', quoted(tenant.displayName), family));
    return undefined;
  },
};
