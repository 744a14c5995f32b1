// The daily expiry reminder as a person answers it: Show or Rotate, and Rotate with several tokens due asks which.
import * as assert from 'node:assert/strict';
import type { ExpiringToken } from '../../src/core/ops/expiry';
import type { PersonalAccessToken } from '../../src/core/model';
import { askExpiryReminder } from '../../src/ui/expiryReminder';
import { inertPrompts } from '../../src/ui/prompts/prompts';
import { QueuedPrompts } from '../../src/ui/prompts/queuedPrompts';

function due(name: string, tenantName: string, expired: boolean): ExpiringToken {
  const token = { id: `${name}-id`, name } as PersonalAccessToken;
  return { tenantId: `${tenantName}-id`, tenantName, token, expired };
}

const NIGHTLY = due('nightly-export', 'Acme Production', true);
const DEPLOY = due('deploy-bot', 'Acme Sandbox', false);

describe('expiry reminder', () => {
  it('Rotate with several tokens due asks which one, most urgent first, and rotates that one', async () => {
    const ask = new QueuedPrompts(['Rotate', 'deploy-bot']);
    const answer = await askExpiryReminder(inertPrompts(ask), [NIGHTLY, DEPLOY]);
    assert.deepEqual(answer, { action: 'rotate', due: DEPLOY });
    assert.deepEqual(ask.shown.map((shown) => shown.kind), ['message', 'pickOne']);
    assert.deepEqual(ask.shown[0].options, ['Show', 'Rotate']);
    assert.deepEqual(ask.shown[1].options, ['nightly-export', 'deploy-bot']);
    assert.deepEqual(ask.unused, []);
  });

  it('Rotate with one token due rotates it without asking', async () => {
    const ask = new QueuedPrompts(['Rotate']);
    assert.deepEqual(await askExpiryReminder(ask, [DEPLOY]), { action: 'rotate', due: DEPLOY });
    assert.equal(ask.shown.length, 1);
  });

  it('Show reveals the most urgent; dismissing the reminder or the pick does nothing', async () => {
    assert.deepEqual(await askExpiryReminder(new QueuedPrompts(['Show']), [NIGHTLY, DEPLOY]), { action: 'show', due: NIGHTLY });
    assert.equal(await askExpiryReminder(new QueuedPrompts([{ escape: true }]), [NIGHTLY, DEPLOY]), undefined);
    assert.equal(await askExpiryReminder(new QueuedPrompts(['Rotate', { escape: true }]), [NIGHTLY, DEPLOY]), undefined);
  });

  it('shows a hostile token name as plain text in the reminder and the pick', async () => {
    const hostile = due('[click](command:workbench.action.quit) $(zap)\nnext line', 'Acme Production', true);
    const ask = new QueuedPrompts(['Rotate', { escape: true }]);
    assert.equal(await askExpiryReminder(inertPrompts(ask), [hostile, DEPLOY]), undefined);
    assert.doesNotMatch(ask.shown[0].text, /\]\(command:/);
    assert.ok(!ask.shown[1].options?.some((label) => label.includes('\n') || label.includes('$(zap)')), String(ask.shown[1].options));
  });
});
