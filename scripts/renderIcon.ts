// Renders scripts/icon.svg to media/icon.png (128 px, transparent corners) with the same headless chromium
// the integration tests use, stored losslessly re-compressed: `node out/scripts/renderIcon.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { recompressPng } from './pngRecompress';
import { createSandbox, ensureWebTools, launchChromium, REPO_ROOT, removeSandbox } from './vscodeWeb';

const SIZE = 128;

async function main(): Promise<void> {
  ensureWebTools();
  const svg = readFileSync(path.join(REPO_ROOT, 'scripts/icon.svg'), 'utf8');
  const sandbox = createSandbox('sailpoint-pat-icon-');
  const browser = await launchChromium(sandbox);
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const output = path.join(REPO_ROOT, 'media/icon.png');
    await page.screenshot({ path: output, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
    // The same pixels in a third fewer bytes than chromium writes: the icon ships in every .vsix.
    writeFileSync(output, recompressPng(readFileSync(output)));
    console.log(`wrote ${output}`);
  } finally {
    await browser.close();
    removeSandbox(sandbox);
  }
}

main().catch((error: unknown) => {
  console.error(`icon rendering failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
