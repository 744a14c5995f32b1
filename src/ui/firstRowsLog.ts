// The first seconds as our own code saw them, said once in the log: how long activate() and the tree's first answers
// took on the extension host's clock. The window only sees when it asked and when the answer came back, which also
// holds whatever else the host ran meanwhile; the bench (bench/workbench.ts) reads this line to tell the two apart.
import type { Logger } from '../core/ports';

/** The line's start; the bench finds the line by it. */
export const FIRST_ROWS_LOG_PREFIX = 'First rows (extension host clock, epoch ms):';

type Part = 'activate' | 'root' | 'tenant';

/** Epoch milliseconds now, to the microsecond: comparable with the window's clock on the same machine. */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Records activate() and the first root and tenant answers; logs them once, a timer turn after the tenant's. */
export class FirstRowsLog {
  private readonly parts = new Map<Part, { ms: number; endedAt: number }>();
  private said = false;

  constructor(private readonly logger: Logger) {}

  /** The start of a part, to hand back to `ended`. */
  static start(): number {
    return epochNow();
  }

  /** A part ended; only its first time counts. After the tenant's first answer, the line is logged. */
  ended(part: Part, startedAt: number): void {
    if (this.said || this.parts.has(part)) return;
    const endedAt = epochNow();
    this.parts.set(part, { ms: endedAt - startedAt, endedAt });
    if (part !== 'tenant') return;
    this.said = true;
    // Not while the host is sending the answer: the log channel is made with the first line.
    setTimeout(() => this.logger.info(this.line()));
  }

  private line(): string {
    const said = [...this.parts].map(([part, { ms, endedAt }]) => `${part} ${ms.toFixed(2)} ms ending ${endedAt.toFixed(2)}`);
    return `${FIRST_ROWS_LOG_PREFIX} ${said.join('; ')}`;
  }
}
