import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/ui/ids';
import { readLocalisedManifest } from './helpers/localisedManifest';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: string; svg?: string; altText: string };
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
    assert.deepEqual(buttonCommands(steps[1]).sort(), ['sailpointPat.createToken', 'sailpointPat.scopesForCode'], 'least privilege from code, and Create Token');
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

  it('keeps every button in German: each translated step runs the same commands as the English one', () => {
    const german = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.de.json'), 'utf8')) as Record<string, string>;
    const raw = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
    raw.contributes.walkthroughs[0].steps.forEach((step, index) => {
      const key = /^%(.+)%$/.exec(step.description)?.[1] ?? '';
      assert.ok(german[key], `${step.id}: no German description`);
      assert.deepEqual(buttonCommands({ ...step, description: german[key] }), buttonCommands(steps[index]), step.id);
    });
  });

  // Each step shows a small lossy WebP of the real workbench that `npm run screenshots` takes (shootStep); they ship in
  // the .vsix, so all four together stay within 16 KB (issue 20).
  it('shows on every step its own picture, taken by npm run screenshots, small, with words for it, shipped in the package', () => {
    const screenshots = fs.readFileSync(path.join(root, 'scripts/screenshots.ts'), 'utf8');
    const pictures = steps.map((step) => step.media.image ?? '');
    assert.equal(new Set(pictures).size, steps.length, 'two steps show the same picture');
    let totalBytes = 0;
    for (const step of steps) {
      const picture = step.media.image ?? '';
      assert.match(picture, /^media\/walkthrough\/[a-z-]+\.webp$/, `${step.id} shows ${picture || step.media.svg}`);
      const bytes = fs.readFileSync(path.join(root, picture));
      // A WebP file is a RIFF container whose form type is WEBP.
      assert.equal(bytes.toString('latin1', 0, 4), 'RIFF', `${picture} is not a RIFF file`);
      assert.equal(bytes.toString('latin1', 8, 12), 'WEBP', `${picture} is not a WebP`);
      totalBytes += bytes.length;
      assert.ok(screenshots.includes(`shootStep(page, '${path.basename(picture)}'`), `npm run screenshots does not take ${picture}`);
      assert.ok(step.media.altText.length > 10, `${step.id}: altText says what the picture shows`);
    }
    assert.ok(totalBytes <= 16 * 1024, `the four walkthrough pictures weigh ${totalBytes} bytes together, over 16 KB`);
    assert.ok(shipped.includes('!media/walkthrough/*.webp'), 'the walkthrough pictures are not allowed into the package by .vscodeignore');
    assert.ok(!shipped.includes('!media/walkthrough/*.jpg'), '.vscodeignore still allows the old JPEG pictures');
  });

  it('marks a step done when its command ran or, for the first, when a tenant exists', () => {
    assert.deepEqual(steps[0].completionEvents, ['onContext:sailpointPat.hasTenants']);
    // The least-privilege step is done once a token is made, whichever way it was found.
    assert.deepEqual(steps[1].completionEvents, ['onCommand:sailpointPat.createToken']);
    for (const step of steps.slice(2)) assert.deepEqual(step.completionEvents, [`onCommand:${buttonCommands(step)[0]}`]);
  });
});

/**
 * What VS Code's settings page (1.139, settingKeyToDisplayFormat) writes before a setting's name: the key's section
 * ("sailpointPat"), unless the id of the group the setting is shown under starts with it, split at capitals
 * ("Sailpoint Pat"). Under a search, the Extensions view's Settings included, the group is the search's own and the
 * section always shows. Our own reading of that rule, so the manifest can be checked against it.
 */
function settingsPagePrefix(key: string, groupId: string): string {
  const section = key.slice(0, key.lastIndexOf('.'));
  const parts = groupId.split('.');
  const trimmed = parts.some((_, end) => new RegExp(`^${parts.slice(0, parts.length - end).join('\\.')}(\\.|$)`, 'i').test(section));
  if (trimmed) return '';
  return section.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^[a-z]/, (first) => first.toUpperCase());
}

/** An extension with one configuration group is shown as one entry whose id is the extension's id. */
function groupIdsOnSettingsPage(groups: readonly { id?: string }[], extensionId: string): string[] {
  return groups.length === 1 ? [extensionId] : groups.map((group) => group.id ?? '');
}

describe('settings page names', () => {
  const extensionId = 'sailpoint-pat-manager.sailpoint-pat-manager';

  it('reads VS Code\'s rule right: one group, or a search, shows "Sailpoint Pat"; a group id with the section shows nothing', () => {
    assert.equal(settingsPagePrefix('sailpointPat.unusedDays', extensionId), 'Sailpoint Pat');
    assert.equal(settingsPagePrefix('sailpointPat.unusedDays', 'searchResultModel'), 'Sailpoint Pat');
    assert.equal(settingsPagePrefix('sailpointPat.unusedDays', 'sailpointPat.tokens'), '');
    assert.deepEqual(groupIdsOnSettingsPage([{ id: 'sailpointPat.tokens' }], extensionId), [extensionId]);
  });

  it('shows no "Sailpoint Pat" before any setting in the extension\'s own section of the settings page', () => {
    const groups = manifest.contributes.configuration;
    const ids = groupIdsOnSettingsPage(groups, extensionId);
    groups.forEach((group, index) => {
      for (const key of Object.keys(group.properties)) assert.equal(settingsPagePrefix(key, ids[index]), '', `${key} under ${ids[index]}`);
    });
  });

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
