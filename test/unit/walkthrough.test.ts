import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/ui/ids';
import { readLocalisedManifest } from './helpers/localisedManifest';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { svg: string; altText: string };
  completionEvents?: string[];
}

interface Manifest {
  displayName: string;
  contributes: {
    walkthroughs: { id: string; title: string; description: string; steps: WalkthroughStep[] }[];
    configuration: { id?: string; title: string; properties: Record<string, unknown> }[];
  };
}

const root = path.join(__dirname, '..', '..', '..');
const manifest = readLocalisedManifest(root) as Manifest;
const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());

/** A line of a step's description that is only a command link, which the Welcome page draws as a button. */
function buttonCommands(step: WalkthroughStep): string[] {
  return step.description
    .split('\n')
    .map((line) => /^\[[^\]]+\]\(command:([A-Za-z.]+)\)$/.exec(line.trim())?.[1])
    .filter((command): command is string => command !== undefined);
}

describe('walkthrough', () => {
  const steps = manifest.contributes.walkthroughs?.[0]?.steps ?? [];

  it('walks through adding a tenant, a least-privilege token, the tokens that need attention and using a token', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    const firstButtons = steps.map((step) => buttonCommands(step)[0]);
    assert.deepEqual(firstButtons.slice(0, 1), ['sailpointPat.addTenant']);
    assert.ok(['sailpointPat.scopesForCode', 'sailpointPat.createToken'].includes(firstButtons[1]), firstButtons[1]);
    assert.ok(['sailpointPat.showTokenHealth', 'sailpointPat.findUnusedTokens'].includes(firstButtons[2]), firstButtons[2]);
    assert.equal(firstButtons[3], 'sailpointPat.openTerminal');
    assert.equal(steps.length, 4);
  });

  it('gives every step a button that runs a contributed command, and the tenant step the CLI import too', () => {
    const contributed = new Set<string>(COMMAND_IDS);
    for (const step of steps) {
      const buttons = buttonCommands(step);
      assert.ok(buttons.length > 0, `${step.id} has no button`);
      for (const command of buttons) assert.ok(contributed.has(command), `${step.id}: ${command} is not contributed`);
    }
    assert.ok(buttonCommands(steps[0]).includes('sailpointPat.importFromSailPointCli'));
  });

  // Screenshots (media/readme, 115-150 KB each) would take the .vsix far over its 200 KB budget: the steps show the
  // view's own icon, which ships anyway.
  it('shows a picture on every step that exists, has words for it and ships in the package', () => {
    for (const step of steps) {
      assert.equal(step.media.svg, 'media/pat.svg', step.id);
      assert.match(fs.readFileSync(path.join(root, step.media.svg), 'utf8'), /<svg/);
      assert.ok(step.media.altText.length > 10, `${step.id}: altText says what the picture shows`);
      assert.ok(shipped.includes(`!${step.media.svg}`), `${step.media.svg} is not allowed into the package by .vscodeignore`);
    }
  });

  it('marks a step done when its command ran or, for the first, when a tenant exists', () => {
    assert.deepEqual(steps[0].completionEvents, ['onContext:sailpointPat.hasTenants']);
    for (const step of steps.slice(1)) assert.deepEqual(step.completionEvents, [`onCommand:${buttonCommands(step)[0]}`]);
  });
});

describe('settings page names', () => {
  // VS Code's settings page drops a setting's key prefix ("Sailpoint Pat: ") only when the group's id starts with
  // it, and an extension with a single group gets the extension's id as the group id instead of its own.
  it('puts the settings in two or more groups whose ids start with the settings prefix, none titled like the extension', () => {
    const groups = manifest.contributes.configuration;
    assert.ok(Array.isArray(groups) && groups.length >= 2, 'one configuration group shows every setting as "Sailpoint Pat: …"');
    for (const group of groups) {
      assert.ok(group.id?.startsWith('sailpointPat.'), `group ${group.title} has id ${String(group.id)}`);
      assert.notEqual(group.title, manifest.displayName, 'a group titled like the extension is merged into it and keeps the prefix');
      for (const key of Object.keys(group.properties)) assert.match(key, /^sailpointPat\.[a-zA-Z]+$/);
    }
  });
});
