// Character tests and bounded skips shared by the recognisers: every loop over file text moves forward (or back a
// bounded distance), so a scan costs what the bytes cost, whatever they hold.

export function isIdentChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

export function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

export function isQuote(character: string): boolean {
  return character === '"' || character === "'" || character === '`';
}

export function isSpace(character: string): boolean {
  return character === ' ' || character === '\t';
}

/** The index after the `close` that balances the `open` at `start`, or -1 when there is none within `limit`. */
export function skipBalanced(text: string, start: number, open: string, close: string, limit = 256): number {
  let depth = 0;
  const end = Math.min(text.length, start + limit);
  for (let index = start; index < end; index++) {
    const character = text[index];
    if (character === '\n') return -1;
    if (character === open) depth++;
    else if (character === close && --depth === 0) return index + 1;
  }
  return -1;
}

export function skipSpaces(text: string, index: number): number {
  while (index < text.length && isSpace(text[index])) index++;
  return index;
}

export function skipSpacesBack(text: string, index: number): number {
  while (index >= 0 && isSpace(text[index])) index--;
  return index;
}

/** The start of the identifier that ends just before `end` (exclusive), looking back at most `limit` characters. */
export function identStartBefore(text: string, end: number, limit = 128): number {
  let start = end;
  while (start > 0 && end - start < limit && isIdentChar(text.charCodeAt(start - 1))) start--;
  return start;
}

export function identEndAt(text: string, start: number, limit = 128): number {
  let end = start;
  while (end < text.length && end - start < limit && isIdentChar(text.charCodeAt(end))) end++;
  return end;
}

/** Line number, start and end for increasing offsets, finding each newline once over the whole text. */
export class LineCounter {
  private line = 1;
  private start = 0;
  private nextNewline: number;
  constructor(private readonly text: string) {
    this.nextNewline = text.indexOf('\n');
  }

  /** `position` must not decrease between calls. */
  at(position: number): { line: number; lineStart: number; lineEnd: number } {
    while (this.nextNewline !== -1 && this.nextNewline < position) {
      this.line++;
      this.start = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.start);
    }
    return { line: this.line, lineStart: this.start, lineEnd: this.nextNewline === -1 ? this.text.length : this.nextNewline };
  }
}
