// The documented subset of ISC's filter syntax for PATs: `lastUsed le <date-time>` and `lastUsed isnull`,
// joined by lower-case and/or/not with parentheses. Anything else is rejected, as ISC does with a 400.

export type LastUsedPredicate = (lastUsed: string | null) => boolean;

export class FilterSyntaxError extends Error {}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(text: string): boolean {
  return ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
}

export function parseLastUsedFilter(filters: string): LastUsedPredicate {
  const parser = new FilterParser(tokenize(filters));
  const predicate = parser.parseOr();
  parser.expectEnd();
  return predicate;
}

function tokenize(text: string): string[] {
  return text.match(/\(|\)|[^\s()]+/g) ?? [];
}

class FilterParser {
  private position = 0;

  constructor(private readonly tokens: string[]) {}

  parseOr(): LastUsedPredicate {
    let left = this.parseAnd();
    while (this.peek() === 'or') {
      this.position++;
      const a = left;
      const b = this.parseAnd();
      left = (value) => a(value) || b(value);
    }
    return left;
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) {
      throw new FilterSyntaxError(`unexpected '${this.tokens[this.position]}'`);
    }
  }

  private parseAnd(): LastUsedPredicate {
    let left = this.parseUnary();
    while (this.peek() === 'and') {
      this.position++;
      const a = left;
      const b = this.parseUnary();
      left = (value) => a(value) && b(value);
    }
    return left;
  }

  private parseUnary(): LastUsedPredicate {
    const token = this.next();
    if (token === 'not') {
      const inner = this.parseUnary();
      return (value) => !inner(value);
    }
    if (token === '(') {
      const inner = this.parseOr();
      if (this.next() !== ')') {
        throw new FilterSyntaxError("missing ')'");
      }
      return inner;
    }
    return this.parseComparison(token);
  }

  private parseComparison(field: string | undefined): LastUsedPredicate {
    if (field !== 'lastUsed') {
      throw new FilterSyntaxError(`unsupported field '${field ?? ''}'`);
    }
    const operator = this.next();
    if (operator === 'isnull') {
      return (value) => value === null;
    }
    if (operator !== 'le') {
      throw new FilterSyntaxError(`unsupported operator '${operator ?? ''}' for lastUsed`);
    }
    const operand = this.next() ?? '';
    if (!isIsoDateTime(operand)) {
      throw new FilterSyntaxError(`'${operand}' is not an ISO-8601 date-time`);
    }
    const limit = Date.parse(operand);
    // A never-used token has no lastUsed to compare, so `le` is false for it (and `not (le)` is true).
    return (value) => value !== null && Date.parse(value) <= limit;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string | undefined {
    return this.tokens[this.position++];
  }
}
