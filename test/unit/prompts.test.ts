// The two prompt implementations that need no VS Code: the automation contract's and the tests' queue.
import * as assert from 'node:assert/strict';
import { ArgumentPrompts } from '../../src/ui/prompts/argumentPrompts';
import { confirmItems, defaultModalButton, modalItems, runWizard, UserCancelled, type Prompts, type WizardStep } from '../../src/ui/prompts/prompts';
import { QueuedPrompts } from '../../src/ui/prompts/queuedPrompts';

const ITEMS = [{ label: 'One' }, { label: '$(star) Two' }];

interface Draft {
  name: string;
  color: string;
}

const askColor: WizardStep<Draft> = async (ask, draft) => {
  draft.color = (await ask.pickOne({ name: 'color', placeholder: 'Color', items: [{ label: 'red' }, { label: 'blue' }], fromArguments: (args) => ({ label: String(args.color) }) })).label;
  return undefined;
};

const askName: WizardStep<Draft> = async (ask, draft) => {
  draft.name = await ask.inputText({ name: 'name', prompt: 'Name', value: draft.name, validate: (value) => (value === '' ? 'Enter a name.' : undefined) });
  return askColor;
};

function wizard(ask: Prompts): Promise<Draft> {
  return runWizard(ask, 'Test', 2, askName, { name: '', color: '' });
}

describe('QueuedPrompts', () => {
  it('answers a wizard in order, records steps, refused answers and Back with the values kept', async () => {
    const ask = new QueuedPrompts(['', 'Ada', { back: true }, 'Bob', 'blue']);
    assert.deepEqual(await wizard(ask), { name: 'Bob', color: 'blue' });
    assert.deepEqual(ask.shown.map((each) => [each.step, each.text, each.refused]), [
      ['1/2', 'Name', ['Enter a name.']],
      ['2/2', 'Color', []],
      ['1/2', 'Name', []],
      ['2/2', 'Color', []],
    ]);
    assert.equal(ask.shown[2].value, 'Ada');
    assert.equal(ask.failure, undefined);
  });

  it('a wizard whose steps vary shows each step with no total, and Back still works (issue 22 §4)', async () => {
    const ask = new QueuedPrompts(['Ada', { back: true }, 'Bob', 'blue']);
    assert.deepEqual(await runWizard(ask, 'Test', null, askName, { name: '', color: '' }), { name: 'Bob', color: 'blue' });
    assert.deepEqual(ask.shown.map((each) => each.step), ['1', '2', '1', '2']);
    await assert.rejects(runWizard(new QueuedPrompts([{ back: true }]), 'Test', null, askName, { name: '', color: '' }), /no Back button/);
  });

  it('fails on a prompt nobody answered, an answer of the wrong kind, an unknown label, and Back at the first step', async () => {
    for (const answers of [['Ada'], ['Ada', ['red']], ['Ada', 'green'], [{ back: true as const }]]) {
      const ask = new QueuedPrompts(answers);
      await assert.rejects(wizard(ask));
      assert.ok(ask.failure !== undefined, `no failure for ${JSON.stringify(answers)}`);
    }
  });

  it('keeps unused answers for the caller to fail on; Escape cancels; picks match labels without their icon', async () => {
    const ask = new QueuedPrompts(['Two', { escape: true }, 'left over']);
    assert.equal((await ask.pickOne({ name: 'n', placeholder: 'p', items: ITEMS })).label, '$(star) Two');
    await assert.rejects(ask.confirm({ name: 'c', message: 'Sure?', button: 'Yes' }), UserCancelled);
    assert.deepEqual(ask.unused, ['left over']);
  });

  it('refuses an empty multi-pick with its message, and needs no answer for a notification without buttons', async () => {
    const ask = new QueuedPrompts([[], ['One']]);
    await ask.message({ severity: 'info', message: 'Done.', actions: [] });
    const picked = await ask.pickMany({ name: 'n', placeholder: 'p', items: ITEMS, emptyMessage: 'Pick one.' });
    assert.deepEqual(picked.map((item) => item.label), ['One']);
    assert.deepEqual(ask.shown[1].refused, ['Pick one.']);
  });
});

describe('ArgumentPrompts', () => {
  it('answers from the argument object without showing anything; consent is the call', async () => {
    const ask = new ArgumentPrompts({ name: 'Ada', color: 'red' });
    assert.deepEqual(await wizard(ask), { name: 'Ada', color: 'red' });
    await ask.confirm({ name: 'c', message: 'Sure?', button: 'Yes' });
    assert.equal(await ask.message({ severity: 'warning', message: 'm', actions: ['Retry'] }), undefined);
  });

  it('rejects a missing answer with a message that names the argument', async () => {
    await assert.rejects(wizard(new ArgumentPrompts({})), /The argument "name" must be a non-empty string/);
    await assert.rejects(new ArgumentPrompts({}).pickMany({ name: 'items', placeholder: 'p', items: ITEMS }), /The argument "items" is missing/);
  });
});

describe('modal buttons: Enter presses the first item that is not the close affordance (VS Code\'s rule)', () => {
  it('a destructive confirmation passes its safe choice first, so Enter keeps', () => {
    const items = confirmItems({ name: 'confirm', message: 'Delete this token?', button: 'Delete Token', keep: 'Keep Token' });
    assert.deepEqual(items, [
      { title: 'Keep Token', isCloseAffordance: false },
      { title: 'Delete Token', isCloseAffordance: false },
    ]);
    assert.equal(defaultModalButton(items), 'Keep Token');
  });

  it('the close action stands in for VS Code\'s Cancel and is never the default', () => {
    const items = modalItems(['Copy New Secret', 'Delete Old Token', 'Keep Both'], 'Keep Both');
    assert.deepEqual(items.map((item) => item.isCloseAffordance), [false, false, true]);
    assert.equal(defaultModalButton(items), 'Copy New Secret');
    assert.equal(defaultModalButton(modalItems(['Keep Both'], 'Keep Both')), undefined);
  });

  it('QueuedPrompts shows the buttons in the order passed, Keep cancels, and Escape on a modal message is its close action', async () => {
    const ask = new QueuedPrompts(['Keep Token', { escape: true }]);
    await assert.rejects(ask.confirm({ name: 'confirm', message: 'Delete?', button: 'Delete Token', keep: 'Keep Token' }), UserCancelled);
    assert.deepEqual([ask.shown[0].options, ask.shown[0].defaultOption], [['Keep Token', 'Delete Token'], 'Keep Token']);
    const answer = await ask.message({ severity: 'warning', modal: true, message: 'Delete old?', actions: ['Copy', 'Delete', 'Keep Both'] as const, closeAction: 'Keep Both' });
    assert.equal(answer, 'Keep Both');
    assert.equal(ask.shown[1].closeOption, 'Keep Both');
  });
});
