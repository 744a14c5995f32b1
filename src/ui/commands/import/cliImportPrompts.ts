// The prompts of Import Tenants from SailPoint CLI; each throws UserCancelled when dismissed.
import type { CliEnvironment } from '../../../core/ops/cliConfig';
import { shown, type Item, type Prompts } from '../../prompts/prompts';
import { t } from '../../view/l10n';

interface EnvironmentPick extends Item {
  environment: CliEnvironment;
}

/** Every environment starts ticked: importing what the CLI knows is why the user came. */
export async function pickEnvironments(ask: Prompts, environments: readonly CliEnvironment[], place: string): Promise<CliEnvironment[]> {
  const items: EnvironmentPick[] = environments.map((environment) => ({ label: shown(environment.name), description: shown(environment.baseUrl), environment }));
  const picked = await ask.titled(t('Import Tenants from SailPoint CLI')).pickMany({
    name: 'environment',
    placeholder: t('Environments to add from {0} (each asks for its client ID and secret next)', place),
    items,
    selected: items,
    emptyMessage: t('Tick at least one environment, or press Escape.'),
  });
  return picked.map((item) => item.environment);
}
