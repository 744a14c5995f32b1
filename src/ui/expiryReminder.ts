// The daily expiry reminder's question, through Prompts so that tests answer it: Show, or Rotate; Rotate with
// several tokens due asks which one (no vscode here; expiryWatch.ts shows the two prompts with VS Code's own).
import type { ExpiringToken } from '../core/ops/expiry';
import { UserCancelled } from '../core/errors';
import { stripUnsafeCharacters as shown } from '../core/validation';
import type { Item, Prompts } from './prompts/prompts';
import { expiryNotificationText } from './view/expiryText';
import { t } from './view/l10n';

export interface ReminderAnswer {
  action: 'show' | 'rotate';
  due: ExpiringToken;
}

/** The two prompts the reminder asks; a small part of Prompts, so the reminder's chunk carries no wizard machinery. */
export type ReminderPrompts = Pick<Prompts, 'message' | 'pickOne'>;

interface DueItem extends Item {
  due: ExpiringToken;
}

/** A token name as a pick's label: one line, and no `$(icon)` the pick would draw. */
function plainName(name: string): string {
  return shown(name).replace(/\$\(/g, '$\u200b(');
}

function dueItem(due: ExpiringToken): DueItem {
  return { label: plainName(due.token.name), description: shown(due.tenantName), due };
}

/** What the person chose; undefined when the reminder or the pick was dismissed. `items` are most urgent first. */
export async function askExpiryReminder(ask: ReminderPrompts, items: readonly ExpiringToken[]): Promise<ReminderAnswer | undefined> {
  const show = t('Show');
  const rotate = t('Rotate');
  const choice = await ask.message({ severity: 'warning', message: expiryNotificationText(items), actions: [show, rotate] });
  if (choice === show) return { action: 'show', due: items[0] };
  if (choice !== rotate) return undefined;
  if (items.length === 1) return { action: 'rotate', due: items[0] };
  try {
    const picked = await ask.pickOne({
      name: 'token',
      placeholder: t('The token to rotate, most urgent first'),
      items: items.map(dueItem),
    });
    return { action: 'rotate', due: picked.due };
  } catch (error) {
    if (error instanceof UserCancelled) return undefined;
    throw error;
  }
}
