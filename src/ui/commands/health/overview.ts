// Opens the health overview for a report already collected; the panel's code (and the page) load on first use only.
import type { HealthReport } from '../../../core/ops/health';
import { loadOnce } from '../../../core/lazyLoad';
import { expiryWarningDays, unusedDays } from '../../settings';
import type { CommandRun } from '../runner';

export const loadHealthPanel = loadOnce(() => import('./healthPanel.js'));

export async function openOverview(run: CommandRun, report: HealthReport): Promise<void> {
  (await loadHealthPanel()).showHealthPanel(run.ui, report, { expiryWarningDays: expiryWarningDays(), unusedDays: unusedDays() });
}
