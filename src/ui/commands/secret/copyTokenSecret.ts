// Copy Secret: a token's stored secret to the clipboard, cleared later as the setting says.
import type { PatCommand } from '../runner';
import { tokenTarget } from '../targets';
import { copyStoredSecret } from './storedSecret';

export const copyTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.copyTokenSecret',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await copyStoredSecret(run, target.tenant.id, target.token ?? { id: target.tokenId });
    return undefined;
  },
};
