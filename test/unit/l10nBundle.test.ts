import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleText, collectMessages, ENGLISH_BUNDLE, messagesIn, REPO_ROOT } from '../../scripts/generateL10nBundle';
import { fillPlaceholders, t, useTranslator } from '../../src/core/l10n';

function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relative), 'utf8')) as Record<string, unknown>;
}

function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

/** Every `%key%` the manifest names, wherever it is. */
function manifestKeys(value: unknown): string[] {
  if (typeof value === 'string') return /^%([^%]+)%$/.exec(value)?.slice(1) ?? [];
  if (Array.isArray(value)) return value.flatMap(manifestKeys);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(manifestKeys);
  return [];
}

/** The person-facing texts the manifest contributes that are still plain English instead of `%key%`. */
function plainContributedTexts(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (['title', 'description', 'markdownDescription', 'name', 'category', 'contextualTitle', 'label', 'altText', 'contents', 'enumDescriptions'].includes(key) && !/^%[^%]+%$/.test(value)) found.push(`${key}: ${value}`);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (value !== null && typeof value === 'object') for (const [child, inner] of Object.entries(value)) visit(inner, child);
  };
  visit(manifest.contributes, 'contributes');
  for (const key of ['displayName', 'description']) visit(manifest[key], key);
  return found;
}

describe('localisation bundles', () => {
  it('every t() call takes its message as a string literal, so the bundle can hold it', function () {
    this.timeout(60_000);
    assert.deepEqual(collectMessages().problems, []);
  });

  it('l10n/bundle.l10n.json is what npm run l10n generates from the source (run it when this fails)', function () {
    this.timeout(60_000);
    assert.equal(readFileSync(ENGLISH_BUNDLE, 'utf8'), bundleText(collectMessages().messages));
  });

  it('the collector finds literal messages and flags a computed one', () => {
    const found = messagesIn(path.join(REPO_ROOT, 'src/x.ts'), "t('Delete {0}?', name); t(`Plain`); t(name); other('Not this');");
    assert.deepEqual(found.messages, ['Delete {0}?', 'Plain']);
    assert.deepEqual(found.problems, ['src/x.ts:1']);
  });

  it('the German bundle translates every message, with the same placeholders, and nothing else', () => {
    const english = readJson('l10n/bundle.l10n.json');
    const german = readJson('l10n/bundle.l10n.de.json');
    assert.deepEqual(Object.keys(english).filter((key) => !(key in german)), [], 'messages missing in German');
    assert.deepEqual(Object.keys(german).filter((key) => !(key in english)), [], 'German messages no longer in the source');
    for (const [key, value] of Object.entries(german)) {
      assert.equal(typeof value, 'string');
      assert.notEqual(value, '', key);
      assert.deepEqual(placeholders(value as string), placeholders(key), key);
    }
  });

  it('package.json contributes no plain English: every title, description and name is a %key% of package.nls.json', () => {
    const manifest = readJson('package.json');
    assert.deepEqual(plainContributedTexts(manifest), []);
    assert.equal(manifest.l10n, './l10n');
    const nls = readJson('package.nls.json');
    assert.deepEqual(manifestKeys(manifest).filter((key) => !(key in nls)), [], 'keys missing in package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((key) => !manifestKeys(manifest).includes(key)), [], 'unused keys in package.nls.json');
  });

  it('package.nls.de.json translates every key of package.nls.json', () => {
    const english = readJson('package.nls.json');
    const german = readJson('package.nls.de.json');
    assert.deepEqual(Object.keys(english).filter((key) => !(key in german)), [], 'keys missing in German');
    assert.deepEqual(Object.keys(german).filter((key) => !(key in english)), [], 'German keys no longer in package.nls.json');
    for (const [key, value] of Object.entries(german)) assert.equal(typeof value === 'string' && value !== '', true, key);
  });

  it('t() fills placeholders in plain Node and hands the English text to the translator VS Code gives', () => {
    assert.equal(t('Delete {0} of {1}?', 'a', 2), 'Delete a of 2?');
    const seen: string[] = [];
    useTranslator((message) => {
      seen.push(message);
      return 'übersetzt';
    });
    try {
      assert.equal(t('Delete {0}?', 'x'), 'übersetzt');
      assert.deepEqual(seen, ['Delete {0}?']);
    } finally {
      useTranslator(fillPlaceholders);
    }
  });
});
