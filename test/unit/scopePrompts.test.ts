// The scope step as a person takes it, through the Prompts interface: "Pick by API…" and "Other scopes…" are
// title-bar actions, so ticking every row ("Toggle all") ticks scopes only.
import * as assert from 'node:assert/strict';
import { runWizard } from '../../src/ui/prompts/prompts';
import { QueuedPrompts, type QueuedAnswer } from '../../src/ui/prompts/queuedPrompts';
import { scopeSteps, type ScopeDraft } from '../../src/ui/commands/token/scopePrompts';
import { loadScopeCatalogue } from '../../src/core/scopes/load';

async function askScopes(answers: QueuedAnswer[], scope: string[] = ['sp:scopes:default']): Promise<{ draft: ScopeDraft; ask: QueuedPrompts }> {
  const ask = new QueuedPrompts(answers);
  const draft = await runWizard(ask, 'Edit Scopes', null, scopeSteps<ScopeDraft>('', undefined), { scope });
  assert.equal(ask.failure, undefined);
  assert.deepEqual(ask.unused, [], 'answers left over');
  return { draft, ask };
}

describe('scope picker', () => {
  it('offers Pick by API… and Other scopes… as title-bar actions, not as rows', async () => {
    const { ask } = await askScopes([['sp:scopes:default']]);
    const [scopePick] = ask.shown;
    assert.deepEqual(scopePick.actions, ['Pick by API…', 'Other scopes…']);
    assert.ok(scopePick.options?.every((label) => !/Pick by API|Other scopes/.test(label)), `an action is a row: ${scopePick.options?.slice(0, 3).join(', ')}`);
  });

  it('Toggle all ticks every scope and nothing else: no further step opens', async () => {
    const catalogue = await loadScopeCatalogue();
    const every = new QueuedPrompts([]);
    const rows = (await (async () => {
      try {
        await runWizard(every, 'Edit Scopes', null, scopeSteps<ScopeDraft>('', undefined), { scope: ['sp:scopes:default'] });
      } catch {
        // No answer queued: only the rows offered are wanted.
      }
      return every.shown[0].options ?? [];
    })());
    const { draft, ask } = await askScopes([rows]);
    assert.equal(ask.shown.length, 1);
    assert.deepEqual(new Set(draft.scope), new Set(['sp:scopes:default', ...catalogue.scopes]));
  });

  it('Pick by API… keeps what is ticked and adds the proposal for the chosen operations', async () => {
    const { draft, ask } = await askScopes([
      { press: 'Pick by API…', ticked: ['sp:scopes:default'] },
      ['GET /v3/access-profiles'],
      ['idn:access-profile:read', 'sp:scopes:default'],
    ]);
    assert.deepEqual(ask.shown.map((shown) => shown.kind), ['pickMany', 'pickMany', 'pickMany']);
    assert.deepEqual(draft.scope, ['idn:access-profile:read', 'sp:scopes:default']);
  });

  it('Other scopes… with nothing ticked asks for typed scopes, and an empty answer is refused', async () => {
    const { draft, ask } = await askScopes([{ press: 'Other scopes…' }, '', 'idn:sod-policy:read'], []);
    assert.equal(ask.shown[1].kind, 'text');
    assert.equal(ask.shown[1].refused.length, 1);
    assert.deepEqual(draft.scope, ['idn:sod-policy:read']);
  });

  it('a button that is not there fails the run instead of being ignored', async () => {
    const ask = new QueuedPrompts([{ press: 'Toggle all' }]);
    await assert.rejects(runWizard(ask, 'Edit Scopes', null, scopeSteps<ScopeDraft>('', undefined), { scope: [] }));
    assert.match(ask.failure ?? '', /has no button/);
  });

  it('typing "read sources" finds idn:sources:read, v3 scopes before v1 ones, and keeps what was ticked before', async () => {
    const { draft, ask } = await askScopes([{ type: 'read sources', tick: ['sp:scopes:default', 'idn:sources:read'] }]);
    const [scopePick] = ask.shown;
    assert.equal(scopePick.value, 'read sources');
    assert.equal(scopePick.options?.[0], 'idn:sources:read');
    assert.deepEqual(draft.scope, ['sp:scopes:default', 'idn:sources:read']);
  });

  it('lists the catalogue v3 first: no v1-only scope before a v3 one', async () => {
    const catalogue = await loadScopeCatalogue();
    const { ask } = await askScopes([['sp:scopes:default']]);
    const ranks = (ask.shown[0].options ?? []).slice(1).filter((label) => catalogue.knows(label)).map((scope) => Math.min(...catalogue.operationsOf(scope).map((operation) => ['v3', 'beta', 'v2024', 'v2025', 'v2026', 'v1'].indexOf(operation.version))));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    assert.equal(ranks[0], 0);
  });
});
