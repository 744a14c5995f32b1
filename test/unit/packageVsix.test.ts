// The packaged README (the Marketplace page, the Extensions view) is README.md cut at a marker: every section a user
// reads must still ship, and only the developers' sections may stay behind.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { headingAnchor, PACKAGED_README_END, packagedReadme, sectionHeadings } from '../../scripts/packageVsix';

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
