// The packaged README (the Marketplace page, the Extensions view) is README.md cut at a marker: every section a user
// reads must still ship, and only the developers' sections may stay behind.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { headingAnchor, PACKAGED_README_END, packagedReadme, recompressZip, sectionHeadings, shippedContent, unshippableBuild } from '../../scripts/packageVsix';
import { zipEntries, zipEntryText } from './helpers/bundleBytes';

const ROOT = path.resolve(__dirname, '../../..');
const REPOSITORY = 'https://github.com/example/pat-manager.git';
/** The only sections the .vsix leaves out: the bench's table and how to build and test this repository. */
const DEVELOPER_SECTIONS = ['Performance', 'Development'];

describe('packaged README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const packaged = packagedReadme(readme, REPOSITORY);

  it('ships every section of README.md but the developers’ ones', () => {
    const all = sectionHeadings(readme);
    const shipped = sectionHeadings(packaged);
    assert.deepEqual(all.filter((heading) => !shipped.includes(heading)), DEVELOPER_SECTIONS);
    for (const heading of ['Install', 'Features', 'Least privilege', 'Commands', 'Settings', 'Automation contract', 'Languages', 'Security', 'Troubleshooting']) {
      assert.ok(shipped.includes(heading), `the packaged README lost ${heading}`);
    }
  });

  it('ships each of those sections whole, word for word but for links to sections it leaves out', () => {
    const before = readme.slice(0, readme.indexOf(PACKAGED_README_END)).trimEnd();
    const unlinked = (text: string): string => text.replace(/\]\([^)]*\)/g, '](…)');
    assert.equal(unlinked(packaged.trimEnd()), unlinked(before));
    assert.ok(packaged.length < readme.length * 0.85, `the cut saves little: ${packaged.length} of ${readme.length} characters`);
  });

  it('has no in-page link to a section it left out: those go to the repository’s README', () => {
    const anchors = new Set(sectionHeadings(packaged).map(headingAnchor));
    const inPage = [...packaged.matchAll(/\]\(#([\w-]+)\)/g)].map((match) => match[1]);
    assert.deepEqual(inPage.filter((anchor) => !anchors.has(anchor)), []);
    assert.match(readme, /\]\(#development\)/, 'README.md no longer links to Development: pick another link for this test');
    assert.match(packaged, /\]\(https:\/\/github\.com\/example\/pat-manager\/blob\/HEAD\/README\.md#development\)/);
  });

  it('refuses a README without the marker, or with two, instead of shipping all or nothing', () => {
    assert.throws(() => packagedReadme('# Title\n\n## Install\n', REPOSITORY), /exactly once/);
    assert.throws(() => packagedReadme(`# T\n${PACKAGED_README_END}\n## A\n${PACKAGED_README_END}\n## B\n`, REPOSITORY), /exactly once/);
  });

  it('anchors headings the way GitHub does', () => {
    assert.equal(headingAnchor('Authentication provider for other extensions'), 'authentication-provider-for-other-extensions');
    assert.equal(headingAnchor('From your own code: Scopes This Code Needs'), 'from-your-own-code-scopes-this-code-needs');
  });
});

/** A zip of these files stored uncompressed, as the simplest zip writer would make it. */
function storedZip(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt32LE(crc32(data), 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    central.push(record, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

describe('packaged .vsix re-compression', () => {
  const files = { 'extension/a.js': 'const repeated = "repeated";\n'.repeat(200), 'extension/tiny.txt': 'x', 'extension/ü name.md': '# Über\n' };

  it('keeps every entry’s name and content, and makes the zip smaller', async () => {
    const zip = storedZip(files);
    const smaller = await recompressZip(zip);
    assert.ok(smaller.length < zip.length / 5, `${smaller.length} B from ${zip.length} B`);
    const entries = zipEntries(smaller);
    assert.deepEqual(entries.map((entry) => entry.name), Object.keys(files));
    assert.deepEqual(Object.fromEntries(entries.map((entry) => [entry.name, zipEntryText(smaller, entry)])), files);
    assert.equal(entries.find((entry) => entry.name === 'extension/tiny.txt')?.method, 0, 'an entry that would grow stays as it was');
  });

  it('ships JSON without indentation and package.json without what only npm and vsce read; every other entry as it was', async () => {
    const manifest = { name: 'x', main: './dist/extension.js', contributes: { commands: [{ command: 'a' }] }, scripts: { build: 'tsc' }, devDependencies: { typescript: '5' }, allowScripts: {} };
    const zip = storedZip({
      'extension/package.json': JSON.stringify(manifest, null, 2),
      'extension/l10n/bundle.l10n.de.json': '{\n  "Delete": "Löschen",\n  "Keep {0}": "{0} behalten"\n}\n',
      'extension/readme.md': '# Title\n\n  indented text stays\n',
    });
    const shipped = await recompressZip(zip, shippedContent);
    const texts = Object.fromEntries(zipEntries(shipped).map((entry) => [entry.name, zipEntryText(shipped, entry)]));
    assert.deepEqual(JSON.parse(texts['extension/package.json']), { name: 'x', main: './dist/extension.js', contributes: { commands: [{ command: 'a' }] } });
    assert.equal(texts['extension/package.json'], JSON.stringify(JSON.parse(texts['extension/package.json'])));
    assert.equal(texts['extension/l10n/bundle.l10n.de.json'], '{"Delete":"Löschen","Keep {0}":"{0} behalten"}');
    assert.equal(texts['extension/readme.md'], '# Title\n\n  indented text stays\n');
    // Sizes and CRCs follow the new content: the zip reads back clean.
    await recompressZip(shipped);
  });

  it('refuses a zip whose entry does not match its CRC instead of shipping it', async () => {
    const zip = storedZip({ 'extension/a.txt': 'hello' });
    zip.write('j', 30 + 'extension/a.txt'.length);
    await assert.rejects(recompressZip(zip), /does not match its CRC/);
  });
});

describe('what npm run package may ship', () => {
  it('refuses the integration tests’ build (test hooks compiled in) and a development build', () => {
    assert.match(unshippableBuild({ production: true, testHooks: true }) ?? '', /test hooks: run `npm run bundle`/);
    assert.match(unshippableBuild({ production: true }) ?? '', /test hooks/);
    assert.match(unshippableBuild({ production: false, testHooks: false }) ?? '', /development build/);
    assert.equal(unshippableBuild({ production: true, testHooks: false }), undefined);
  });
});
