// A small YAML reader for the SailPoint CLI's config.yaml, in place of a general YAML library (115 KB of bundle).
// It reads the YAML such a file holds: block and flow mappings and sequences, plain and quoted scalars, comments,
// block scalars, one document, anchors and aliases (shared, never copied) and merge keys (`<<`) resolved as go-yaml,
// the CLI's parser, resolves them. Anything else (tags, complex keys, several documents) is refused with its line,
// never guessed. It runs in one pass over the lines, so a file at the 1 MB cap parses in milliseconds.
import { t } from '../l10n';

export type YamlValue = string | number | boolean | null | YamlValue[] | YamlMap;
/** A mapping with no prototype: a key such as `__proto__` or `constructor` is data, never an object's own machinery. */
export interface YamlMap {
  [key: string]: YamlValue;
}

export class YamlError extends Error {
  constructor(
    message: string,
    /** 1-based. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

export interface YamlOptions {
  /** Each use of an alias counts; a billion-laughs file is refused long before it could matter. */
  maxAliases?: number;
  /** Collections nested deeper than this are refused (the parser recurses). */
  maxDepth?: number;
  /** Called for each key set, with the keys that lead to it; may throw to stop the parse early. */
  onKey?: (path: readonly string[], line: number) => void;
}

interface Line {
  /** 1-based line number. */
  number: number;
  indent: number;
  /** The text after the indent, comments still in it. */
  text: string;
}

const MERGE_KEY = '<<';
const PLAIN_NULL = /^(?:~|null|Null|NULL)?$/;
const PLAIN_TRUE = /^(?:true|True|TRUE)$/;
const PLAIN_FALSE = /^(?:false|False|FALSE)$/;
const PLAIN_NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.\d+)$/;
const ANCHOR_NAME = /^[^\s,[\]{}]+/;
const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

function emptyMap(): YamlMap {
  return Object.create(null) as YamlMap;
}

function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain scalar as go-yaml types it: null, booleans and numbers; everything else a string. */
function plainScalar(text: string): YamlValue {
  if (PLAIN_NULL.test(text)) return null;
  if (PLAIN_TRUE.test(text)) return true;
  if (PLAIN_FALSE.test(text)) return false;
  if (PLAIN_NUMBER.test(text)) {
    const value = Number(text.replace(/_/g, ''));
    if (Number.isFinite(value)) return value;
  }
  return text;
}

/** The text before a comment (` #`), outside quotes; trailing spaces removed. */
function withoutComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (i === 0 || /[\s[{,:]/.test(text[i - 1])) quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

/** Splits into lines with their indent; blank and comment-only lines and the document markers go. */
function linesOf(source: string): Line[] {
  const lines: Line[] = [];
  const raw = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let started = false;
  for (let index = 0; index < raw.length; index++) {
    const text = raw[index];
    const number = index + 1;
    const indent = /^ */.exec(text)![0].length;
    const rest = text.slice(indent);
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(text)) {
      if (started || text.startsWith('...')) break;
      started = true;
      if (withoutComment(text.slice(3)).trim() !== '') throw new YamlError(t('content after "---" on the same line is not read'), number);
      continue;
    }
    if (!started && text.startsWith('%')) throw new YamlError(t('YAML directives are not read'), number);
    if (rest.trim() === '' || rest.startsWith('#')) continue;
    if (rest.startsWith('\t')) throw new YamlError(t('a tab indents the line; YAML indents with spaces'), number);
    started = true;
    lines.push({ number, indent, text: rest });
  }
  return lines;
}

/** The end of a quoted scalar starting at `start` (the index after its closing quote), or -1 when unterminated. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

class Parser {
  private position = 0;
  private aliases = 0;
  private readonly anchors = new Map<string, YamlValue>();
  private readonly maxAliases: number;
  private readonly maxDepth: number;

  constructor(
    private readonly lines: Line[],
    private readonly options: YamlOptions,
  ) {
    this.maxAliases = options.maxAliases ?? 100;
    this.maxDepth = options.maxDepth ?? 64;
  }

  document(): YamlValue {
    if (this.lines.length === 0) return null;
    const value = this.block(this.lines[0].indent, [], 0);
    const extra = this.lines[this.position];
    if (extra !== undefined) throw new YamlError(t('this line is indented less than the document it belongs to'), extra.number);
    return value;
  }

  private get line(): Line | undefined {
    return this.lines[this.position];
  }

  /** The node whose first line is the current one, at `indent`. */
  private block(indent: number, path: string[], depth: number): YamlValue {
    const line = this.line!;
    if (depth > this.maxDepth) throw new YamlError(t('collections are nested more than {0} deep', this.maxDepth), line.number);
    if (isSequenceItem(line.text)) return this.sequence(indent, path, depth);
    if (keyEnd(line.text) !== undefined) return this.mapping(indent, path, depth);
    this.position++;
    return this.inline(line, line.text, indent, path, depth);
  }

  private sequence(indent: number, path: string[], depth: number): YamlValue[] {
    const items: YamlValue[] = [];
    while (this.line !== undefined && this.line.indent === indent && isSequenceItem(this.line.text)) {
      const line = this.line;
      const rest = line.text.slice(1).trimStart();
      const itemIndent = indent + (line.text.length - rest.length);
      if (withoutComment(rest) === '') {
        this.position++;
        items.push(this.childOrNull(indent, path, depth + 1));
      } else if (isSequenceItem(rest) || keyEnd(rest) !== undefined) {
        // "- key: value" or "- - item": the rest of the line is the first line of a nested block.
        this.lines[this.position] = { number: line.number, indent: itemIndent, text: rest };
        items.push(this.block(itemIndent, path, depth + 1));
      } else {
        this.position++;
        items.push(this.inline(line, rest, indent, path, depth + 1));
      }
    }
    this.refuseDeeper(indent);
    return items;
  }

  private mapping(indent: number, path: string[], depth: number): YamlMap {
    const map = emptyMap();
    const merges: { sources: YamlMap[]; line: number }[] = [];
    while (this.line !== undefined && this.line.indent === indent && !isSequenceItem(this.line.text)) {
      const line = this.line;
      const end = keyEnd(line.text);
      if (end === undefined) throw new YamlError(t('expected "key: value"'), line.number);
      const key = this.key(line, line.text.slice(0, end.keyEnd));
      const rest = line.text.slice(end.valueStart).trimStart();
      this.position++;
      const value = withoutComment(rest) === '' ? this.childOrNull(indent, [...path, key], depth + 1, true) : this.inline(line, rest, indent, [...path, key], depth + 1);
      if (key === MERGE_KEY && end.plainKey) {
        merges.push({ sources: this.mergeSources(value, line.number), line: line.number });
      } else {
        this.set(map, key, value, [...path, key], line.number);
      }
    }
    this.refuseDeeper(indent);
    for (const { sources, line } of merges) this.merge(map, sources, path, line);
    return map;
  }

  /** A value on the lines below a key or a dash: more indented, or (for a key) a sequence at the same indent. */
  private childOrNull(indent: number, path: string[], depth: number, sameIndentSequence = false): YamlValue {
    const next = this.line;
    if (next !== undefined && (next.indent > indent || (sameIndentSequence && next.indent === indent && isSequenceItem(next.text)))) {
      return this.block(next.indent, path, depth);
    }
    return null;
  }

  private refuseDeeper(indent: number): void {
    const line = this.line;
    if (line !== undefined && line.indent > indent) throw new YamlError(t('this line is indented more than the block it is in'), line.number);
  }

  private key(line: Line, text: string): string {
    const trimmed = text.trim();
    if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
      const value = new InlineReader(trimmed, line.number).quoted();
      return value;
    }
    if (/^[[{?&*!|>]/.test(trimmed)) throw new YamlError(t('complex, anchored or tagged keys are not read'), line.number);
    return trimmed;
  }

  /** A value that starts on this line: alias, anchor, tag, block scalar, flow collection or scalar (maybe continued below). */
  private inline(line: Line, text: string, indent: number, path: string[], depth: number): YamlValue {
    let rest = withoutComment(text);
    if (rest.startsWith('!')) throw new YamlError(t('YAML tags are not read'), line.number);
    if (rest.startsWith('*')) {
      const name = ANCHOR_NAME.exec(rest.slice(1))?.[0];
      if (name === undefined || rest.slice(1 + name.length).trim() !== '') throw new YamlError(t('an alias must stand alone'), line.number);
      return this.alias(name, line.number);
    }
    let anchor: string | undefined;
    if (rest.startsWith('&')) {
      anchor = ANCHOR_NAME.exec(rest.slice(1))?.[0];
      if (anchor === undefined) throw new YamlError(t('an anchor needs a name'), line.number);
      rest = rest.slice(1 + anchor.length).trimStart();
      if (rest.startsWith('!')) throw new YamlError(t('YAML tags are not read'), line.number);
    }
    let value: YamlValue;
    if (rest === '') value = this.childOrNull(indent, path, depth, true);
    else if (rest.startsWith('|') || rest.startsWith('>')) value = this.blockScalar(line, rest, indent);
    else if (rest.startsWith('[') || rest.startsWith('{') || rest.startsWith('"') || rest.startsWith("'")) value = this.flow(line, rest, indent, path, depth);
    else value = plainScalar(this.plainContinued(rest, indent));
    if (anchor !== undefined) this.anchors.set(anchor, value);
    return value;
  }

  /** A plain scalar may go on over more-indented lines, folded with single spaces. */
  private plainContinued(first: string, indent: number): string {
    if (first.startsWith('- ') || first === '-' || /^[%@`]/.test(first)) throw new YamlError(t('this scalar cannot start a plain value'), this.lines[this.position - 1].number);
    let text = first;
    while (this.line !== undefined && this.line.indent > indent && keyEnd(this.line.text) === undefined && !isSequenceItem(this.line.text)) {
      text += ` ${withoutComment(this.line.text)}`;
      this.position++;
    }
    return text;
  }

  /** `|` keeps line breaks, `>` folds them; the content is every following line indented more than the key. */
  private blockScalar(line: Line, header: string, indent: number): string {
    if (!/^[|>][-+]?[1-9]?[-+]?$/.test(header)) throw new YamlError(t('a block scalar header is "|" or ">" with optional indicators'), line.number);
    // The blank lines inside were dropped by linesOf; what the value says does not matter to the import.
    const parts: string[] = [];
    while (this.line !== undefined && this.line.indent > indent) {
      parts.push(this.line.text);
      this.position++;
    }
    return parts.join(header.startsWith('|') ? '\n' : ' ');
  }

  /** A flow collection or quoted scalar, which may go on over more-indented lines until it closes. */
  private flow(line: Line, first: string, indent: number, path: string[], depth: number): YamlValue {
    let text = first;
    for (;;) {
      const reader = new InlineReader(text, line.number, this, path, depth);
      const result = reader.complete();
      if (result !== undefined) return result;
      const next = this.line;
      if (next === undefined || next.indent <= indent) throw new YamlError(t('a bracket or quote opened here is not closed'), line.number);
      text += ` ${next.text}`;
      this.position++;
    }
  }

  alias(name: string, line: number): YamlValue {
    if (++this.aliases > this.maxAliases) throw new YamlError(t('the file uses more than {0} aliases', this.maxAliases), line);
    if (!this.anchors.has(name)) throw new YamlError(t('no anchor "{0}" is defined before this alias', name.slice(0, 40)), line);
    return this.anchors.get(name)!;
  }

  anchor(name: string, value: YamlValue): void {
    this.anchors.set(name, value);
  }

  checkDepth(depth: number, line: number): void {
    if (depth > this.maxDepth) throw new YamlError(t('collections are nested more than {0} deep', this.maxDepth), line);
  }

  set(map: YamlMap, key: string, value: YamlValue, path: string[], line: number): void {
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new YamlError(t('the key "{0}" is defined twice', key.slice(0, 40)), line);
    this.options.onKey?.(path, line);
    map[key] = value;
  }

  mergeSources(value: YamlValue, line: number): YamlMap[] {
    const sources = Array.isArray(value) ? value : [value];
    if (!sources.every(isMap)) throw new YamlError(t('a merge key ("<<") takes a mapping or a list of mappings'), line);
    return sources;
  }

  /** go-yaml: keys of the mapping itself win; of the merged ones, the earlier source wins. */
  merge(map: YamlMap, sources: YamlMap[], path: string[], line: number): void {
    for (const source of sources) {
      for (const key of Object.keys(source)) {
        if (!Object.prototype.hasOwnProperty.call(map, key)) {
          this.options.onKey?.([...path, key], line);
          map[key] = source[key];
        }
      }
    }
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/**
 * Where a line's key ends and its value starts, when the line is "key: value" (or "key:"): a colon followed by a space
 * or the end, outside quotes. undefined when the line is no mapping entry.
 */
function keyEnd(text: string): { keyEnd: number; valueStart: number; plainKey: boolean } | undefined {
  let start = 0;
  let plainKey = true;
  if (text.startsWith('"') || text.startsWith("'")) {
    start = quotedEnd(text, 0);
    if (start < 0) return undefined;
    plainKey = false;
  } else if (/^[[{]/.test(text)) {
    return undefined;
  }
  for (let i = start; i < text.length; i++) {
    if (text[i] === '#' && i > 0 && /\s/.test(text[i - 1])) return undefined;
    if (text[i] === ':' && (i + 1 === text.length || /\s/.test(text[i + 1]))) {
      return plainKey || text.slice(start, i).trim() === '' ? { keyEnd: i, valueStart: i + 1, plainKey } : undefined;
    }
    if (!plainKey && !/\s/.test(text[i])) return undefined;
  }
  return undefined;
}

/** Reads flow collections and quoted scalars from one (joined) piece of text. */
class InlineReader {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly line: number,
    private readonly parser?: Parser,
    private readonly path: string[] = [],
    private readonly depth = 0,
  ) {}

  /** The value, when the text holds exactly one complete value (a comment may follow); undefined when it is not closed yet. */
  complete(): YamlValue | undefined {
    try {
      const value = this.value(this.path, this.depth);
      this.skipSpaces();
      if (this.index < this.text.length && withoutComment(this.text.slice(this.index)) !== '') {
        throw new YamlError(t('unexpected text after the value'), this.line);
      }
      return value;
    } catch (error) {
      if (error instanceof Unclosed) return undefined;
      throw error;
    }
  }

  quoted(): string {
    const quote = this.text[this.index];
    const end = quotedEnd(this.text, this.index);
    if (end < 0) throw new Unclosed();
    const body = this.text.slice(this.index + 1, end - 1);
    this.index = end;
    return quote === "'" ? body.replace(/''/g, "'") : this.unescape(body);
  }

  private unescape(body: string): string {
    return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_match, escape: string) => {
      if (escape.length > 1) {
        const code = parseInt(escape.slice(1), 16);
        if (code > 0x10ffff) throw new YamlError(t('an escape names no character'), this.line);
        return String.fromCodePoint(code);
      }
      const decoded = DOUBLE_QUOTED_ESCAPES[escape];
      if (decoded === undefined) throw new YamlError(t('"\\{0}" is not a YAML escape', escape), this.line);
      return decoded;
    });
  }

  private value(path: string[], depth: number): YamlValue {
    this.skipSpaces();
    const char = this.text[this.index];
    if (char === undefined) throw new Unclosed();
    if (char === '[' || char === '{') {
      this.parser?.checkDepth(depth, this.line);
      return char === '[' ? this.sequence(path, depth + 1) : this.mapping(path, depth + 1);
    }
    if (char === '"' || char === "'") return this.quoted();
    if (char === '*') {
      const name = ANCHOR_NAME.exec(this.text.slice(this.index + 1))?.[0] ?? '';
      this.index += 1 + name.length;
      if (!this.parser) throw new YamlError(t('an alias is not read here'), this.line);
      return this.parser.alias(name.replace(/[,\]}]+$/, ''), this.line);
    }
    if (char === '!') throw new YamlError(t('YAML tags are not read'), this.line);
    if (char === '&') {
      const name = ANCHOR_NAME.exec(this.text.slice(this.index + 1))?.[0] ?? '';
      this.index += 1 + name.length;
      const value = this.value(path, depth);
      this.parser?.anchor(name, value);
      return value;
    }
    return this.plain();
  }

  private plain(): YamlValue {
    const start = this.index;
    while (this.index < this.text.length) {
      const char = this.text[this.index];
      if (char === ',' || char === ']' || char === '}' || (char === ':' && /[\s,\]}]/.test(this.text[this.index + 1] ?? ' '))) break;
      if (char === '#' && /\s/.test(this.text[this.index - 1] ?? ' ')) break;
      this.index++;
    }
    return plainScalar(this.text.slice(start, this.index).trim());
  }

  private sequence(path: string[], depth: number): YamlValue[] {
    this.index++;
    const items: YamlValue[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.text[this.index] === undefined) throw new Unclosed();
      if (this.text[this.index] === ']') {
        this.index++;
        return items;
      }
      items.push(this.value(path, depth));
      this.afterItem(']');
    }
  }

  private mapping(path: string[], depth: number): YamlMap {
    this.index++;
    const map = emptyMap();
    const merges: YamlMap[][] = [];
    for (;;) {
      this.skipSpaces();
      if (this.text[this.index] === undefined) throw new Unclosed();
      if (this.text[this.index] === '}') {
        this.index++;
        for (const sources of merges) this.parser?.merge(map, sources, path, this.line);
        return map;
      }
      const plainKey = this.text[this.index] !== '"' && this.text[this.index] !== "'";
      const key = this.value(path, depth);
      if (typeof key === 'object' && key !== null) throw new YamlError(t('complex keys are not read'), this.line);
      const name = key === null ? '' : String(key);
      this.skipSpaces();
      let value: YamlValue = null;
      if (this.text[this.index] === ':') {
        this.index++;
        value = this.value([...path, name], depth);
      }
      if (plainKey && name === MERGE_KEY && this.parser) merges.push(this.parser.mergeSources(value, this.line));
      else if (this.parser) this.parser.set(map, name, value, [...path, name], this.line);
      else map[name] = value;
      this.afterItem('}');
    }
  }

  private afterItem(close: string): void {
    this.skipSpaces();
    const char = this.text[this.index];
    if (char === undefined) throw new Unclosed();
    if (char === ',') this.index++;
    else if (char !== close) throw new YamlError(t('expected "," or "{0}"', close), this.line);
  }

  private skipSpaces(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index])) this.index++;
  }
}

/** A flow collection or quoted scalar not closed on the text read so far: the caller reads on. */
class Unclosed extends Error {}

/** Parses one YAML document; throws YamlError (with its line) for text it does not read. */
export function parseYaml(source: string, options: YamlOptions = {}): YamlValue {
  return new Parser(linesOf(source), options).document();
}
