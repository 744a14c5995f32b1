// One measured figure against its target; the table and bench/results.json are both made from these.
export interface Target {
  /** As printed, e.g. "≤ 60 KB". */
  text: string;
  met?: (value: number) => boolean;
}

export interface Figure {
  figure: string;
  /** null when the figure could not be measured; `detail` then says why. */
  value: number | null;
  unit: string;
  target: Target;
  /** The physical floor: what the same work costs at the least (bytes: none), e.g. decoding and JSON.parse of the answer. */
  floor?: string;
  /** The parts a ratio is made of, what a number includes, or why it is missing. */
  detail?: string;
}

export const NO_TARGET: Target = { text: '—' };

export function atMost(limit: number, text: string): Target {
  return { text, met: (value) => value <= limit };
}

export function atLeast(limit: number, text: string): Target {
  return { text, met: (value) => value >= limit };
}

export function missing(figure: string, unit: string, target: Target, why: string): Figure {
  return { figure, value: null, unit, target, detail: why };
}

/** "yes", "NO", or "" when there is nothing to compare against. */
export function verdict(figure: Figure): string {
  if (figure.target.met === undefined) return '';
  if (figure.value === null) return 'missing';
  return figure.target.met(figure.value) ? 'yes' : 'NO';
}

/** The bench's last line: every figure that misses its target (or could not be measured against one), or "none". */
export function missesLine(figures: readonly Figure[]): string {
  const misses = figures.filter((figure) => ['NO', 'missing'].includes(verdict(figure))).map((figure) => `${figure.figure} (${figure.value === null ? 'missing' : `${figure.value} ${figure.unit}`}, target ${figure.target.text})`);
  return `misses: ${misses.length === 0 ? 'none' : misses.join('; ')}`;
}
