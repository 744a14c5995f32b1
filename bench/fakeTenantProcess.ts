// The fake tenant in a process of its own, so its work and memory never count as the extension host's.
// As a child: `node fakeTenantProcess.js '<options JSON>'` prints one line of JSON (where it listens, how to sign
// in) and serves until its stdin closes.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { FakeTenant } from '../test/fake-tenant/server';
import { seedTokens } from './setup';

export interface FakeTenantProcessOptions {
  tokens: number;
  latencyMs?: number;
  /** Default: room for 10 tokens on top of the seeded ones. */
  maxTokensPerOwner?: number;
}

export interface FakeTenantAddress {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface RunningFakeTenant extends FakeTenantAddress {
  stop(): Promise<void>;
}

async function serve(options: FakeTenantProcessOptions): Promise<void> {
  const maxTokensPerOwner = options.maxTokensPerOwner ?? options.tokens + 10;
  const fake = await FakeTenant.start({ latencyMs: options.latencyMs, maxTokensPerOwner });
  const admin = fake.addIdentity('Bench Admin', { admin: true });
  const { clientId, clientSecret } = fake.addApiClient(admin.id);
  seedTokens(fake, admin.id, options.tokens);
  // Nothing reads the recording here; it would only grow by the size of every answer.
  setInterval(() => fake.resetRequests(), 1000).unref();
  const address: FakeTenantAddress = { baseUrl: fake.baseUrl, clientId, clientSecret };
  process.stdout.write(`${JSON.stringify(address)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void fake.stop().then(() => process.exit(0)));
}

/** `BENCH_FAKE_CPU_PROFILE_DIR=<dir>` writes a CPU profile of each fake tenant process there when it stops. */
function profileFlags(): string[] {
  const dir = process.env.BENCH_FAKE_CPU_PROFILE_DIR;
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** Starts the fake in a child of the current Node (or Electron, run as Node) and waits until it listens. */
export function startFakeTenantProcess(options: FakeTenantProcessOptions): Promise<RunningFakeTenant> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, [...profileFlags(), __filename, JSON.stringify(options)], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.stdin.end();
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake tenant process exited (code ${code}) before it listened`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ ...(JSON.parse(line) as FakeTenantAddress), stop }));
  });
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2] ?? '{}') as FakeTenantProcessOptions).catch((error: unknown) => {
    console.error(`fake tenant process failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
