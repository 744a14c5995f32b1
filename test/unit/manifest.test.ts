import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLocalisedManifest } from './helpers/localisedManifest';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, COMMAND_IDS, VIEW_ID } from '../../src/ui/ids';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  main: string;
  activationEvents: string[];
  extensionKind: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, MenuItem[]>;
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome: { view: string; contents: string }[];
    configuration: { properties: Record<string, { scope: string; default: unknown }> }[];
    authentication: { id: string; label: string }[];
  };
}

const root = path.join(__dirname, '..', '..', '..');
const manifest = readLocalisedManifest(root) as Manifest;

describe('manifest', () => {
  it('contributes exactly the commands the code registers, all in the SailPoint PAT category', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, [...COMMAND_IDS].sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'SailPoint PAT', command.command);
  });

  it('puts only contributed commands in menus', () => {
    const ids = new Set<string>(COMMAND_IDS);
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
    }
  });

  it('hides node-only commands from the palette and offers Copy Secret only where a secret is stored', () => {
    const palette = new Map(manifest.contributes.menus.commandPalette.map((item) => [item.command, item.when]));
    assert.equal(palette.get('sailpointPat.copyTokenSecret'), 'false');
    assert.equal(palette.get('sailpointPat.addTenant'), undefined);
    const copySecret = manifest.contributes.menus['view/item/context'].filter((item) => item.command === 'sailpointPat.copyTokenSecret');
    assert.ok(copySecret.length > 0);
    for (const item of copySecret) {
      const pattern = /viewItem =~ \/(.*)\//.exec(item.when ?? '')?.[1];
      assert.ok(pattern !== undefined, item.when);
      const regex = new RegExp(pattern);
      assert.ok(regex.test('token+secret+managed'));
      assert.ok(!regex.test('token+managed'));
      assert.ok(!regex.test('tenant+ok'));
    }
  });

  it('has a view with a welcome that offers Add Tenant, in its own activity-bar container with an SVG icon', () => {
    const views = Object.values(manifest.contributes.views).flat();
    assert.ok(views.some((view) => view.id === VIEW_ID && view.name === 'Personal Access Tokens'));
    const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === VIEW_ID);
    assert.match(welcome?.contents ?? '', /\(command:sailpointPat\.addTenant\)/);
    const icon = manifest.contributes.viewsContainers.activitybar[0].icon;
    assert.match(fs.readFileSync(path.join(root, icon), 'utf8'), /^<svg /);
  });

  it('activates only through the view, its commands and a request for its authentication provider, runs local or remote, and declares its capabilities', () => {
    assert.deepEqual(manifest.activationEvents, [`onAuthenticationRequest:${AUTH_PROVIDER_ID}`]);
    assert.deepEqual(manifest.contributes.authentication, [{ id: AUTH_PROVIDER_ID, label: AUTH_PROVIDER_LABEL }]);
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('asks for the VS Code whose API it uses, and type-checks against that same API', () => {
    const floor = /^\^(\d+)\.(\d+)\.0$/.exec(manifest.engines.vscode);
    assert.ok(floor, `engines.vscode ${manifest.engines.vscode} is not ^1.N.0`);
    // activationEvents lists only the auth provider: commands and views activate implicitly, which needs VS Code 1.74.
    assert.ok(Number(floor[1]) > 1 || Number(floor[2]) >= 74, `activationEvents [] needs VS Code 1.74, engines says ${manifest.engines.vscode}`);
    // A newer @types/vscode would let src call API that the oldest VS Code allowed does not have.
    assert.equal(manifest.devDependencies['@types/vscode'], manifest.engines.vscode.slice(1));
  });

  it('keeps every setting user-level and none of them a secret', () => {
    const settings = manifest.contributes.configuration.flatMap((group) => Object.entries(group.properties));
    assert.deepEqual(settings.map(([key]) => key).sort(), [
      'sailpointPat.clipboardClearSeconds',
      'sailpointPat.expiryNotifications',
      'sailpointPat.expiryWarningDays',
      'sailpointPat.syncTenants',
      'sailpointPat.unusedDays',
    ]);
    for (const [key, setting] of settings) {
      assert.equal(setting.scope, 'application', key);
      assert.doesNotMatch(key, /secret$|password|token$/i);
    }
  });
});
