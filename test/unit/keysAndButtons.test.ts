// The manifest's Delete keybinding and the two "add" buttons, checked against the ids the code uses.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readLocalisedManifest } from './helpers/localisedManifest';
import { DELETE_SELECTED_TOKENS_COMMAND, VIEW_ID } from '../../src/ui/ids';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    keybindings: { command: string; key: string; mac?: string; when: string }[];
  };
}

const manifest = readLocalisedManifest(path.join(__dirname, '../../..')) as Manifest;

function iconOf(command: string): string | undefined {
  return manifest.contributes.commands.find((each) => each.command === command)?.icon;
}

describe('manifest: keys and buttons', () => {
  // A context key the extension sets after a round trip would make a Delete pressed right after the click do nothing.
  it('binds Delete (Cmd+Backspace on macOS) to deleting the selection, on context keys VS Code evaluates itself', () => {
    const binding = manifest.contributes.keybindings.find((each) => each.command === DELETE_SELECTED_TOKENS_COMMAND);
    assert.ok(binding, 'no Delete keybinding');
    assert.equal(binding.key, 'delete');
    assert.equal(binding.mac, 'cmd+backspace');
    const clauses = binding.when.split('&&').map((clause) => clause.trim());
    assert.deepEqual(clauses.sort(), [`focusedView == ${VIEW_ID}`, '!inputFocus'].sort());
    assert.doesNotMatch(binding.when, /sailpointPat\.(?!tokens\b)/, 'the clause waits on a context key of ours');
  });

  it("tells the view title's Add Tenant from a tenant row's Create Token by icon and tooltip", () => {
    const inline = (menu: string, command: string): boolean =>
      manifest.contributes.menus[menu].some((item) => item.command === command && (menu === 'view/title' ? item.group?.startsWith('navigation') : item.group?.startsWith('inline')));
    assert.ok(inline('view/title', 'sailpointPat.addTenant'));
    assert.ok(inline('view/item/context', 'sailpointPat.createToken'));
    assert.notEqual(iconOf('sailpointPat.addTenant'), iconOf('sailpointPat.createToken'));
    const titles = ['sailpointPat.addTenant', 'sailpointPat.createToken'].map((id) => manifest.contributes.commands.find((each) => each.command === id)?.title);
    assert.deepEqual(titles, ['Add Tenant…', 'Create Token…']);
  });
});
