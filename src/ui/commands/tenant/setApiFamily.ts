// Change API Family: which PAT API (v3 or v1) a tenant is asked through.
import { PatError } from '../../../core/errors';
import type { ApiFamily } from '../../../core/model';
import { quoted, shown, type Item } from '../../prompts/prompts';
import { optionalChoice } from '../../prompts/args';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';

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
