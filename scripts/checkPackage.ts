// Checks the built .vsix: only the bundle (extension.js and every chunk beside it in dist/), the icons and walkthrough
// pictures the manifest names, the translations, README, CHANGELOG, LICENSE and package.json (plus vsce's own two
// files) may be inside. Prints every entry
// and the size; exits 1 on anything else.
// Usage: node out/scripts/checkPackage.js [sailpoint-pat-manager.vsix]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

interface ZipEntry {
  name: string;
  size: number;
}

/** Reads the zip's central directory (no extraction needed to know what is inside). */
export function listZipEntries(zip: Buffer): ZipEntry[] {
  const searchFrom = Math.max(0, zip.length - 22 - 65_535);
  let end = -1;
  for (let offset = zip.length - 22; offset >= searchFrom; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`corrupt zip: bad central directory entry ${index}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size: zip.readUInt32LE(offset + 24) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** File icons the manifest refers to: the marketplace icon and every contributed icon that is a path, not a $(codicon). */
export function manifestIcons(manifest: { icon?: string; contributes?: unknown }): string[] {
  const icons = new Set<string>();
  // `icon` is a path or a $(codicon), or { light, dark } paths; so is a walkthrough's `image`.
  const visit = (value: unknown, key: string, parentKey: string): void => {
    const isPicture = (name: string): boolean => name === 'icon' || name === 'image';
    const isIconPath = isPicture(key) || (isPicture(parentKey) && (key === 'light' || key === 'dark'));
    if (typeof value === 'string') {
      if (isIconPath && !value.startsWith('$(')) icons.add(path.posix.normalize(value));
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, key, parentKey));
    } else if (typeof value === 'object' && value !== null) {
      Object.entries(value).forEach(([childKey, child]) => visit(child, childKey, key));
    }
  };
  if (manifest.icon !== undefined) icons.add(path.posix.normalize(manifest.icon));
  visit(manifest.contributes, '', '');
  return [...icons];
}

/** The chunks the bundle loads on first use sit beside `main`: without one, a command or the first request fails. */
function bundleChunks(main: string): string[] {
  const dir = path.posix.dirname(path.posix.normalize(main));
  return readdirSync(path.join(REPO_ROOT, dir))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `extension/${dir}/${name}`);
}

/** The manifest's texts and the translated l10n bundles VS Code reads for the display language. */
function localisationFiles(): string[] {
  const manifestTexts = readdirSync(REPO_ROOT).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  // English needs no bundle (its text is the key), so only the translations ship.
  const bundles = readdirSync(path.join(REPO_ROOT, 'l10n')).filter((name) => /^bundle\.l10n\.[\w-]+\.json$/.test(name)).map((name) => `l10n/${name}`);
  return [...manifestTexts, ...bundles].map((name) => `extension/${name}`);
}

/** Lower-case entry names that must be in the package; vsce renames README/CHANGELOG to lower case and LICENSE to LICENSE.txt. */
function requiredEntries(manifest: { main: string; icon?: string; contributes?: unknown }): string[] {
  return [
    ...bundleChunks(manifest.main),
    '[content_types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    ...localisationFiles(),
    `extension/${path.posix.normalize(manifest.main)}`,
    'extension/readme.md',
    'extension/changelog.md',
    'extension/license.txt',
    ...manifestIcons(manifest).map((icon) => `extension/${icon}`),
  ].map((name) => name.toLowerCase());
}

function main(): void {
  const vsix = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'sailpoint-pat-manager.vsix'));
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; icon?: string; contributes?: unknown };
  const entries = listZipEntries(readFileSync(vsix));
  const allowed = new Set(requiredEntries(manifest));
  const present = new Set(entries.map((entry) => entry.name.toLowerCase()));
  for (const entry of entries) {
    console.log(`${allowed.has(entry.name.toLowerCase()) ? '  ' : '✗ '}${entry.name.padEnd(44)} ${(entry.size / 1024).toFixed(1).padStart(8)} KB`);
  }
  const unexpected = entries.filter((entry) => !allowed.has(entry.name.toLowerCase())).map((entry) => entry.name);
  const missing = [...allowed].filter((name) => !present.has(name));
  console.log(`${path.basename(vsix)}: ${entries.length} files, ${(statSync(vsix).size / 1024).toFixed(1)} KB`);
  if (unexpected.length > 0) console.error(`Not allowed in the package (add them to .vscodeignore): ${unexpected.join(', ')}`);
  if (missing.length > 0) console.error(`Missing from the package: ${missing.join(', ')}`);
  if (unexpected.length > 0 || missing.length > 0) process.exit(1);
}

if (require.main === module) main();
