// Packages the extension with vsce. The .vsix's README (the Marketplace page and the Extensions view) is README.md up
// to the marker below: the sections after it (the bench table, how to build and test) are for people working on this
// repository, and a user would download them with every install without reading them. Cut here, at package time, so
// nothing is maintained twice; test/unit/packageVsix.test.ts holds that every user-facing section still ships.
// Usage: node out/scripts/packageVsix.js [out.vsix]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** The line in README.md where the packaged README ends. */
export const PACKAGED_README_END = '<!-- The packaged README ends here; what follows is for developers of this repository (scripts/packageVsix.ts). -->';
/** Where the packaged README is written: inside the repository, because vsce takes `--readme-path` relative to it. */
export const PACKAGED_README = 'out/marketplace/README.md';

/** The `## ` headings of a Markdown text, as written. */
export function sectionHeadings(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^#{2,3} /.test(line)).map((line) => line.replace(/^#+ /, ''));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/**
 * README.md up to the marker. A link to a section that stays behind goes to that section of the repository's README
 * (the `repository` of package.json), so the page has no dead in-page link.
 */
export function packagedReadme(readme: string, repositoryUrl: string): string {
  const parts = readme.split(`${PACKAGED_README_END}\n`);
  if (parts.length !== 2) throw new Error(`README.md must hold the line ${PACKAGED_README_END} exactly once`);
  const [packaged, developers] = parts;
  const cutAnchors = new Set(sectionHeadings(developers).map(headingAnchor));
  const repositoryReadme = `${repositoryUrl.replace(/\.git$/, '')}/blob/HEAD/README.md`;
  return `${packaged.trimEnd()}\n`.replace(/\]\(#([\w-]+)\)/g, (link, anchor: string) => (cutAnchors.has(anchor) ? `](${repositoryReadme}#${anchor})` : link));
}

/** Writes the packaged README and runs vsce; returns its exit status and what it printed. */
export function packageVsix(outFile: string): { status: number | null; output: string } {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  const readme = packagedReadme(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), manifest.repository.url);
  mkdirSync(path.join(REPO_ROOT, path.dirname(PACKAGED_README)), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, PACKAGED_README), readme);
  const vsce = path.join(REPO_ROOT, 'node_modules/.bin/vsce');
  // stdin closed: vsce must not sit waiting on a question nobody will answer.
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--readme-path', PACKAGED_README, '--out', outFile], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function main(): void {
  const outFile = path.resolve(process.argv[2] ?? 'sailpoint-pat-manager.vsix');
  const { status, output } = packageVsix(outFile);
  process.stdout.write(output);
  process.exitCode = status ?? 1;
}

if (require.main === module) main();
