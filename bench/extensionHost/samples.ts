// What the in-VS Code benchmark suites measured, passed to bench/run.ts through the file BENCH_HOST_SAMPLES names.
import * as fs from 'node:fs';

export interface ActivationSample {
  /** require() of the bundle, before VS Code asked for it. */
  moduleLoadMs: number;
  /** Our activate(), from called to returned (or resolved). */
  activateMs: number;
  /** The host process's CPU time in those milliseconds (process.cpuUsage): the part that waiting for a core does not inflate. */
  activateCpuMs: number;
  /** extensions.getExtension(id).activate() with the module already loaded: activate() plus the host's own work. */
  hostActivateMs: number;
  /** After activation, one tenant added: the root's and the tenant's children fetched, each tree item read. */
  firstRenderMs: number;
  firstRenderTokens: number;
  /** The same sign-in and list by bare fetch, answers parsed: what the first render cannot go below. */
  firstRenderFloorMs: number;
  /** VS Code's registerCommand for as many commands as activate() registers (one host message each): its floor. */
  registerFloorMs: number;
  /** How many commands activate() registered (ours, counted from VS Code's list). */
  registeredCommands: number;
}

export interface ScaleSample {
  tokens: number;
  /** From the list answer fully received to every tree item built; the first load in this host comes first. */
  buildMs: number[];
  /** The client's share of buildMs: reading, parsing and checking the answer, up to handing the tokens to the tree. */
  clientMs: number[];
  /** Heap the tree holds for the items, after a full GC. */
  heapBytes: number[];
  /** Decoding and JSON.parse of the same answer, after each load: the floor buildMs is compared with. */
  parseFloorMs: number[];
}

export interface HostSamples {
  activation?: ActivationSample;
  scale?: ScaleSample;
}

const SAMPLES_FILE = process.env.BENCH_HOST_SAMPLES;

function readSamples(file: string): HostSamples {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as HostSamples) : {};
}

/** Without BENCH_HOST_SAMPLES (the suites run by hand), the figures are only printed. */
export function recordSample<K extends keyof HostSamples>(key: K, sample: NonNullable<HostSamples[K]>): void {
  console.log(`[bench] ${key}: ${JSON.stringify(sample)}`);
  if (SAMPLES_FILE === undefined) return;
  fs.writeFileSync(SAMPLES_FILE, JSON.stringify({ ...readSamples(SAMPLES_FILE), [key]: sample }));
}

export function readHostSamples(file: string): HostSamples {
  return readSamples(file);
}
