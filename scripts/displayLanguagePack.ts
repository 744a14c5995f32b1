// A minimal language pack of our own, for pictures taken in another display language (`npm run screenshots --
// --locale de`). VS Code accepts `--locale de` only when a language pack for `de` is installed, else it falls back to
// English and hands extensions `vscode.env.language === 'en'`; Microsoft's packs cannot be downloaded here. This pack
// contributes the language with no translations of VS Code's own words (they stay English), which is enough for VS
// Code to run in that language, so our extension reads package.nls.<lang>.json and l10n/bundle.l10n.<lang>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from './vscodeWeb';

const PUBLISHER = 'sailpoint-pat-screenshots';
const VERSION = '1.0.0';

/** The pack's manifest: one localisation whose only translation file (VS Code's core) is empty. */
export function languagePackManifest(language: string): Record<string, unknown> {
  return {
    name: `display-language-${language}`,
    publisher: PUBLISHER,
    version: VERSION,
    displayName: `Display language ${language} (screenshots only, no translations of VS Code itself)`,
    engines: { vscode: '^1.74.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId: language, languageName: language, localizedLanguageName: language, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  };
}

/**
 * Installs the pack into the sandbox's extensions folder and records it in `languagepacks.json`, which the server
 * reads before its first extension scan would write it.
 */
export function installDisplayLanguagePack(sandbox: Sandbox, language: string): void {
  const folder = path.join(sandbox.extensions, `${PUBLISHER}.display-language-${language}-${VERSION}`);
  const translations = path.join(folder, 'translations', 'main.i18n.json');
  mkdirSync(path.dirname(translations), { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(languagePackManifest(language), null, 2));
  // No message of VS Code's own: every one falls back to its English text.
  writeFileSync(translations, JSON.stringify({ version: VERSION, contents: {} }));
  const packs = {
    [language]: {
      hash: `${PUBLISHER}-${language}-${VERSION}`,
      extensions: [{ extensionIdentifier: { id: `${PUBLISHER}.display-language-${language}` }, version: VERSION }],
      translations: { vscode: translations },
      label: language,
    },
  };
  writeFileSync(path.join(sandbox.userData, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
