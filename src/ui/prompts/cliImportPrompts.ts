// The prompts of Import Tenants from SailPoint CLI; each throws UserCancelled when dismissed.
import type * as vscode from 'vscode';
import type { CliEnvironment } from '../../core/ops/cliConfig';
import { singleInput } from './wizard';

interface EnvironmentPick extends vscode.QuickPickItem {
  environment: CliEnvironment;
}

/** Every environment starts ticked: importing what the CLI knows is why the user came. */
export async function pickEnvironments(environments: readonly CliEnvironment[]): Promise<CliEnvironment[]> {
  const items: EnvironmentPick[] = environments.map((environment) => ({ label: environment.name, description: environment.baseUrl, environment }));
  const picked = await singleInput('Import Tenants from SailPoint CLI').pickMany({
    placeholder: 'Environments to add (each asks for its client ID and secret next)',
    items,
    selected: items,
    emptyMessage: 'Tick at least one environment, or press Escape.',
  });
  return picked.map((item) => item.environment);
}
