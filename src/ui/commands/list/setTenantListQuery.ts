// Choose What a Tenant Lists: whose tokens and which filter the tree shows for a tenant.
import { listQueryText } from '../../../core/messages';
import { askListQuery } from './listQueryPrompts';
import { quoted, shown } from '../../prompts/prompts';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { t } from '../../view/l10n';

export const setTenantListQueryCommand: PatCommand = {
  id: 'sailpointPat.setTenantListQuery',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Choose What a Tenant Lists'));
    const searchIdentities = (text: string, signal: AbortSignal) => run.ui.service.searchIdentities(tenant.id, text, signal);
    const query = await askListQuery(run.ask, shown(tenant.displayName), tenant.listQuery, searchIdentities);
    await run.ui.service.setListQuery(tenant.id, query);
    run.ui.tree.refresh(tenant.id);
    run.inform(t('{0} now lists {1}.', quoted(tenant.displayName), listQueryText(query)));
    return undefined;
  },
};
