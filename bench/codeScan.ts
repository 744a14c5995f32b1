// The code scan over a generated workspace (issue 23 §6): 10,000 files, 50 MB, 2,000 calls of the real catalogue's
// operations in the languages the scan reads, plus two hostile 1 MB files. Measures the whole scan, with the catalogue's
// index built as the extension's first scan builds it, and the longest time the event loop was held (the extension
// host would be blocked that long).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodeScanFileSystem } from '../src/core/codeScan/nodeFileSystem';
import { scanCode } from '../src/core/codeScan/scan';
import { loadScopeCatalogue } from '../src/core/scopes/load';
import type { ApiOperation } from '../src/core/scopes/catalogue';
import { atMost, type Figure } from './figures';

const FILES = 10_000;
const TOTAL_BYTES = 50 * 1024 * 1024;
const CALLS = 2_000;
const FILLER_LINE = '    const total = items.reduce((sum, item) => sum + item.count, 0); // ordinary code, no call\n';

/** One call to the operation, written the way a script in the given language would. */
function callLine(method: string, urlPath: string, language: number): string {
  const interpolated = urlPath.replace(/\{[^}]*\}/g, (_, offset: number) => ['${id}', '$id', '{{id}}', '{id}'][language % 4] + String(offset));
  switch (language % 4) {
    case 0:
      return `fetch(\`\${base}${interpolated}\`, { method: '${method}' });\n`;
    case 1:
      return `curl -X ${method} "$BASE${interpolated}"\n`;
    case 2:
      return `${method} {{baseUrl}}${interpolated}\n`;
    default:
      return `requests.request("${method}", f"{BASE}${interpolated}")\n`;
  }
}

const EXTENSIONS = ['ts', 'sh', 'http', 'py'];

/**
 * The longest gap between two ticks of a 1 ms timer: how long the event loop was held at a time. (Node's
 * monitorEventLoopDelay missed a block that starts right after it is enabled, such as the index build.)
 */
function watchEventLoop(): () => number {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

function generateWorkspace(root: string, catalogue: readonly ApiOperation[]): number {
  const operations = catalogue.filter((operation) => !operation.path.includes('*'));
  const perFile = Math.floor(TOTAL_BYTES / FILES);
  let written = 0;
  for (let file = 0; file < FILES; file++) {
    const folder = path.join(root, `pkg${file % 100}`, `mod${Math.floor(file / 100) % 10}`);
    if (file < 1000) mkdirSync(folder, { recursive: true });
    const language = file % 4;
    let text = '';
    if (file % (FILES / CALLS) === 0) {
      const operation = operations[(file / (FILES / CALLS)) % operations.length];
      text += callLine(operation.method, operation.path, language);
    }
    while (text.length + FILLER_LINE.length <= perFile) text += FILLER_LINE;
    writeFileSync(path.join(folder, `f${file}.${EXTENSIONS[language]}`), text);
    written += text.length;
  }
  const megabyte = 1024 * 1024 - 64;
  writeFileSync(path.join(root, 'hostile-slashes.sh'), `curl "$BASE/v3${'/'.repeat(megabyte)}"`);
  writeFileSync(path.join(root, 'hostile-quotes.py'), `"'\``.repeat(megabyte / 3));
  return written + 2 * megabyte;
}

export async function measureCodeScan(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'codescan-bench-'));
  try {
    const { operations } = await loadScopeCatalogue();
    const bytes = generateWorkspace(root, operations);
    const longestBlock = watchEventLoop();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await scanCode(nodeScanFileSystem, [root], operations);
    const cpu = process.cpuUsage(cpuBefore);
    const elapsed = performance.now() - started;
    const blockedMs = longestBlock();
    const detail = `${FILES + 2} files, ${(bytes / 1024 / 1024).toFixed(0)} MB, ${result.calls.length} calls found of ${CALLS} written, ${result.unmatched.length} unmatched; CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms`;
    return [
      { figure: 'code scan: 10,000 files, 50 MB', value: Math.round(elapsed), unit: 'ms', target: atMost(3000, '≤ 3 s'), detail },
      { figure: 'code scan: longest event-loop block', value: Math.round(blockedMs), unit: 'ms', target: atMost(50, '≤ 50 ms') },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
