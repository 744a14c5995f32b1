// The figures of the in-VS Code runs: medians across fresh hosts (activation) or across all loads (scale).
import { atMost, type Figure, missing } from './figures';
import type { HostRun } from './host';
import { median, round } from './stats';

const MIB = 1024 * 1024;

function failures(runs: readonly HostRun[]): string {
  const failed = runs.filter((run) => run.failure !== undefined);
  // One line: the launcher's output would break the table's row.
  return failed.length === 0 ? '' : `; ${failed.length} of ${runs.length} host runs failed: ${(failed[0].failure ?? '').replace(/\s+/g, ' ').slice(0, 200)}`;
}

function activationFigures(runs: readonly HostRun[]): Figure[] {
  const samples = runs.flatMap((run) => (run.samples.activation === undefined ? [] : [run.samples.activation]));
  const activateTarget = atMost(5, '≤ 5 ms');
  const renderTarget = atMost(50, '≤ 50 ms');
  if (samples.length === 0) {
    const why = `no activation was measured${failures(runs)}`;
    return [missing('activate()', 'ms', activateTarget, why), missing('activate() → first tree render, 1 tenant', 'ms', renderTarget, why)];
  }
  const hosts = `${samples.length} fresh host${samples.length === 1 ? '' : 's'}`;
  const renderMs = median(samples.map((sample) => sample.firstRenderMs));
  const floorMs = median(samples.map((sample) => sample.firstRenderFloorMs));
  return [
    {
      figure: 'activate() in a real extension host',
      value: round(median(samples.map((sample) => sample.activateMs)), 2),
      unit: 'ms',
      target: activateTarget,
      floor: `${median(samples.map((sample) => sample.registerFloorMs)).toFixed(2)} ms (VS Code registering ${samples[0].registeredCommands} commands)`,
      detail:
        `${hosts}; the host process's CPU time in it ${median(samples.map((sample) => sample.activateCpuMs)).toFixed(2)} ms; before it, require() of the bundle ${median(samples.map((sample) => sample.moduleLoadMs)).toFixed(0)} ms; ` +
        `getExtension().activate() with the module loaded ${median(samples.map((sample) => sample.hostActivateMs)).toFixed(0)} ms${failures(runs)}`,
    },
    {
      figure: `activate() → first tree render, 1 tenant of ${samples[0].firstRenderTokens} tokens`,
      value: round(median(samples.map((sample) => sample.activateMs + sample.firstRenderMs)), 1),
      unit: 'ms',
      target: renderTarget,
      floor: `${floorMs.toFixed(1)} ms (bare sign-in + list)`,
      detail: `render ${renderMs.toFixed(0)} ms: sign-in + list (fake tenant answering at once) + tree items, tenant added after activation`,
    },
  ];
}

function scaleFigures(runs: readonly HostRun[]): Figure[] {
  const samples = runs.flatMap((run) => (run.samples.scale === undefined ? [] : [run.samples.scale]));
  const heapTarget = atMost(20, '≤ 20 MB');
  if (samples.length === 0) {
    const why = `no scale run was measured${failures(runs)}`;
    return [missing('10,000 tokens: answer → tree items', 'ms', atMost(0, '≤ 2× the parse floor'), why), missing('10,000 tokens: heap held by the tree', 'MB', heapTarget, why)];
  }
  const tokens = samples[0].tokens.toLocaleString('en-US');
  const loads = samples.flatMap((sample) => sample.buildMs);
  const firstLoads = samples.map((sample) => sample.buildMs[0]);
  const clientMs = median(samples.flatMap((sample) => sample.clientMs));
  const buildMs = median(loads);
  const floorMs = median(samples.flatMap((sample) => sample.parseFloorMs));
  return [
    {
      figure: `${tokens} tokens: answer → tree items`,
      value: round(buildMs, 1),
      unit: 'ms',
      target: atMost(2 * floorMs, '≤ 2× the parse floor'),
      floor: `${floorMs.toFixed(1)} ms parse floor (decode + JSON.parse, same answer, same run); ratio ${(buildMs / floorMs).toFixed(2)}×`,
      detail:
        `of which parsing and checking the answer ${clientMs.toFixed(0)} ms, the rest the tree; ` +
        `${loads.length} loads in ${samples.length} hosts, first in each ${median(firstLoads).toFixed(0)} ms`,
    },
    {
      figure: `${tokens} tokens: heap held by the tree`,
      value: round(median(samples.flatMap((sample) => sample.heapBytes)) / MIB, 1),
      unit: 'MB',
      target: heapTarget,
      detail: 'heapUsed after a full GC, items retained, minus before the load',
    },
  ];
}

export function hostFigures(runs: readonly HostRun[]): Figure[] {
  return [...activationFigures(runs), ...scaleFigures(runs)];
}
