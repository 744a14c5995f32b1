// Activation and scale, measured inside the real VS Code extension host: runs the *.bench.js suites of
// out/bench/extensionHost through the integration-test launcher, once per fresh host.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readHostSamples, type HostSamples } from './extensionHost/samples';

export interface HostRun {
  samples: HostSamples;
  /** Why the run produced no samples; undefined when it did. */
  failure?: string;
}

const HOST_TIMEOUT_SECONDS = 240;

function launch(repoRoot: string, samplesFile: string): Promise<{ code: number | null; output: string }> {
  const launcher = path.join(repoRoot, 'test/runner/code-shim');
  const args = [
    '--extensionDevelopmentPath', repoRoot,
    '--extensionTestsPath', path.join(repoRoot, 'out/bench/extensionHost/index.js'),
    '--timeout', String(HOST_TIMEOUT_SECONDS),
    path.join(repoRoot, 'test/fixtures/workspace'),
  ];
  return new Promise((resolve) => {
    const child = spawn(launcher, args, { env: { ...process.env, BENCH_HOST_SAMPLES: samplesFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Each run starts a new VS Code, so every activation is a first one. */
export async function runInHost(repoRoot: string, runs: number, progress: (line: string) => void): Promise<HostRun[]> {
  // Installs the launcher's tools when they are missing (minutes, once); a no-op afterwards.
  execFileSync('bash', [path.join(repoRoot, 'test/runner/setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-host-'));
  try {
    const results: HostRun[] = [];
    for (let run = 1; run <= runs; run++) {
      progress(`extension host run ${run}/${runs}`);
      const samplesFile = path.join(dir, `host-${run}.json`);
      const { code, output } = await launch(repoRoot, samplesFile);
      const samples = readHostSamples(samplesFile);
      const failure = code === 0 ? undefined : `launcher exit ${code}: ${output.trim().split('\n').slice(-15).join('\n')}`;
      results.push({ samples, failure });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
