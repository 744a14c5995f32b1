// Reads the SailPoint CLI's config.yaml by the shape the CLI gives it, in place of a YAML library (115 KB of bundle).
// The CLI (viper over go-yaml) writes one document of block mappings holding plain and quoted scalars; people add
// comments, flow collections, lists, block scalars, anchors, aliases (shared, never copied) and merge keys (`<<`,
// resolved as go-yaml resolves them). Scalars stay text: the import reads only names and URLs. Anything else (tags,
// directives, complex keys) is refused with its line, never guessed. One pass over the lines: a file at the 1 MB cap
// parses in milliseconds.
import { t } from '../l10n';

export type YamlValue = string | null | YamlValue[] | YamlMap;
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

/** Each use of an alias counts: a billion-laughs file is refused long before it could matter. */
export const MAX_ALIASES = 100;
/** Collections nested deeper than this are refused (the reader recurses). */
const MAX_DEPTH = 64;

interface Line {
  /** 1-based. */
  number: number;
  indent: number;
  /** The text after the indent, a comment still in it. */
  text: string;
}

const NAME = /^[^\s,[\]{}]+/;
/** Where a plain scalar inside a flow collection ends: a comma, a closing bracket, a colon before a space, a comment. */
const FLOW_PLAIN_END = /[,\]}]|:(?=[\s,\]}]|$)|\s#/g;
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

const notRead = (line: number): YamlError => new YamlError(t('YAML of this form is not read'), line);
const isItem = (text: string): boolean => text === '-' || text.startsWith('- ');
const hasOwn = (map: YamlMap, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);
/** Plain text without its comment: a `#` after a space (or at the start) begins one. */
const uncommented = (text: string): string => text.replace(/(?:^|\s)#.*/, '').trim();

/** Lines with their indent: blank and comment lines go, the first document's end ends them, a tab is refused. */
function linesOf(source: string): Line[] {
  const lines: Line[] = [];
  let started = false;
  for (const [index, text] of source.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    const number = index + 1;
    const marker = /^(---|\.\.\.)(?:\s|$)/.exec(text)?.[1];
    if (marker !== undefined) {
      if (started || marker === '...') break;
      started = true;
      if (uncommented(text.slice(3)) !== '') throw notRead(number);
      continue;
    }
    const indent = /^ */.exec(text)![0].length;
    const rest = text.slice(indent);
    if (rest.trim() === '' || rest.startsWith('#')) continue;
    if (rest.startsWith('\t')) throw new YamlError(t('a tab indents the line; YAML indents with spaces'), number);
    if (!started && rest.startsWith('%')) throw notRead(number);
    started = true;
    lines.push({ number, indent, text: rest });
  }
  return lines;
}

/** The index after the quoted scalar that starts at `start`, or -1 when it is not closed. */
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

/** Where a "key: value" line's colon is (a colon then a space or the end, after a quoted or plain key), else -1. */
function colonOf(text: string): number {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    const colon = end < 0 ? -1 : end + /^ */.exec(text.slice(end))![0].length;
    return colon >= 0 && /^:(?:\s|$)/.test(text.slice(colon)) ? colon : -1;
  }
  const found = /:(?=\s|$)|\s#/.exec(text);
  return found?.[0] === ':' && !/^[[{]/.test(text) ? found.index : -1;
}

/** The mapping `entries` make: a later `<<` key merges mappings in, keys of the mapping itself and earlier sources winning. */
function mappingOf(entries: [key: string, value: YamlValue, plainKey: boolean, line: number][]): YamlMap {
  const map = Object.create(null) as YamlMap;
  const merged: YamlMap[] = [];
  for (const [key, value, plainKey, line] of entries) {
    if (plainKey && key === '<<') {
      const sources = Array.isArray(value) ? value : [value];
      if (!sources.every((source) => typeof source === 'object' && source !== null && !Array.isArray(source))) throw notRead(line);
      merged.push(...(sources as YamlMap[]));
    } else {
      if (hasOwn(map, key)) throw new YamlError(t('the key "{0}" is defined twice', key.slice(0, 40)), line);
      map[key] = value;
    }
  }
  for (const source of merged) for (const key of Object.keys(source)) if (!hasOwn(map, key)) map[key] = source[key];
  return map;
}

/** Reads one YAML document; throws YamlError (with its line) for text it does not read. */
export function parseYaml(source: string): YamlValue {
  const lines = linesOf(source);
  const anchors = new Map<string, YamlValue>();
  let aliases = 0;
  let at = 0;
  /** The indent of lines[at]; -1 past the last line. */
  const indentAt = (): number => lines[at]?.indent ?? -1;

  const alias = (name: string, line: number): YamlValue => {
    if (++aliases > MAX_ALIASES) throw new YamlError(t('the file uses more than {0} aliases', MAX_ALIASES), line);
    if (!anchors.has(name)) throw new YamlError(t('no anchor "{0}" is defined before this alias', name.slice(0, 40)), line);
    return anchors.get(name)!;
  };
  const deeper = (depth: number, line: number): number => {
    if (depth >= MAX_DEPTH) throw new YamlError(t('collections are nested more than {0} deep', MAX_DEPTH), line);
    return depth + 1;
  };
  const refuseDeeper = (indent: number): void => {
    const next = lines[at];
    if (next !== undefined && next.indent > indent) throw new YamlError(t('this line is indented more than the block it is in'), next.number);
  };

  /** The block node whose first line is lines[at], at `indent`: a sequence, a mapping or one value. */
  const block = (indent: number, depth: number): YamlValue => {
    const line = lines[at];
    if (isItem(line.text)) return sequence(indent, deeper(depth, line.number));
    if (colonOf(line.text) >= 0) return mapping(indent, deeper(depth, line.number));
    at++;
    return inline(line, line.text, indent, depth);
  };

  const sequence = (indent: number, depth: number): YamlValue[] => {
    const items: YamlValue[] = [];
    for (let line = lines[at]; line?.indent === indent && isItem(line.text); line = lines[at]) {
      const rest = line.text.slice(1).trimStart();
      if (isItem(rest) || colonOf(rest) >= 0) {
        // "- key: value" or "- - item": the rest of the line is the first line of a block nested in the item.
        const itemIndent = indent + line.text.length - rest.length;
        lines[at] = { number: line.number, indent: itemIndent, text: rest };
        items.push(block(itemIndent, depth));
      } else {
        at++;
        items.push(inline(line, rest, indent, depth));
      }
    }
    refuseDeeper(indent);
    return items;
  };

  const mapping = (indent: number, depth: number): YamlMap => {
    const entries: Parameters<typeof mappingOf>[0] = [];
    for (let line = lines[at]; line?.indent === indent && !isItem(line.text); line = lines[at]) {
      const colon = colonOf(line.text);
      if (colon < 0) throw notRead(line.number);
      const keyText = line.text.slice(0, colon).trim();
      const plainKey = !/^["']/.test(keyText);
      // A complex (`?`, `[`, `{`), anchored, aliased or tagged key is no key the CLI writes.
      if (plainKey && /^[?&*!|>]/.test(keyText)) throw notRead(line.number);
      const key = plainKey ? keyText : (flow(keyText, line.number, depth) as string);
      at++;
      entries.push([key, inline(line, line.text.slice(colon + 1), indent, depth, true), plainKey, line.number]);
    }
    refuseDeeper(indent);
    return mappingOf(entries);
  };

  /**
   * The value that starts in `text` on `line` (after a key or a dash) of a node at `indent`: an alias, an anchor, a
   * block scalar, a flow collection, a quoted or plain scalar, or (nothing on the line) the block below.
   */
  const inline = (line: Line, text: string, indent: number, depth: number, afterKey = false): YamlValue => {
    let rest = uncommented(text) === '' ? '' : text.trim();
    if (rest.startsWith('*')) {
      const name = NAME.exec(rest.slice(1))?.[0] ?? '';
      if (uncommented(rest.slice(1 + name.length)) !== '') throw notRead(line.number);
      return alias(name, line.number);
    }
    const anchor = rest.startsWith('&') ? NAME.exec(rest.slice(1))?.[0] : undefined;
    if (anchor !== undefined) rest = uncommented(rest.slice(1 + anchor.length)) === '' ? '' : rest.slice(1 + anchor.length).trim();
    if (rest.startsWith('!')) throw new YamlError(t('YAML tags are not read'), line.number);
    let value: YamlValue;
    const next = lines[at];
    if (rest === '') {
      // The value is the block below: more indented, or a key's list at the key's own indent.
      value = next !== undefined && (next.indent > indent || (afterKey && next.indent === indent && isItem(next.text))) ? block(next.indent, depth) : null;
    } else if (/^[|>]/.test(rest)) {
      if (!/^[|>][-+]?[1-9]?[-+]?$/.test(uncommented(rest))) throw notRead(line.number);
      // Block scalar: every following line indented more. Its blank lines are gone; the import reads no such value.
      const parts: string[] = [];
      for (; indentAt() > indent; at++) parts.push(lines[at].text);
      value = parts.join(rest.startsWith('|') ? '\n' : ' ');
    } else if (/^[[{"']/.test(rest)) {
      // A flow collection or quoted scalar may go on over the more-indented lines below (read once, joined by spaces).
      let joined = rest;
      for (; indentAt() > indent; at++) joined += ` ${lines[at].text}`;
      value = flow(joined, line.number, depth);
    } else {
      let plain = uncommented(rest);
      if (/^(?:[%@`]|[?:-](?:\s|$))/.test(plain)) throw notRead(line.number);
      // A plain scalar may go on over more-indented lines (go-yaml v2 folded long ones), joined with single spaces.
      for (; indentAt() > indent && colonOf(lines[at].text) < 0 && !isItem(lines[at].text); at++) plain += ` ${uncommented(lines[at].text)}`;
      value = /^(?:~|null|Null|NULL)$/.test(plain) ? null : plain;
    }
    if (anchor !== undefined) anchors.set(anchor, value);
    return value;
  };

  /** The one flow value (collection or quoted scalar) `text` holds, a comment allowed after it. */
  const flow = (text: string, line: number, depth: number): YamlValue => {
    let i = 0;
    const unclosed = (): YamlError => new YamlError(t('a bracket or quote opened here is not closed'), line);
    const skipSpaces = (): void => {
      while (/\s/.test(text.charAt(i))) i++;
    };
    const value = (depth: number): YamlValue => {
      skipSpaces();
      const char = text[i];
      if (char === undefined) throw unclosed();
      if (char === '[' || char === '{') return collection(char === '[' ? ']' : '}', deeper(depth, line));
      if (char === '"' || char === "'") return quoted();
      if (char === '!') throw new YamlError(t('YAML tags are not read'), line);
      if (char === '*' || char === '&') {
        const name = NAME.exec(text.slice(i + 1))?.[0] ?? '';
        i += 1 + name.length;
        if (char === '*') return alias(name, line);
        const anchored = value(depth);
        anchors.set(name, anchored);
        return anchored;
      }
      const start = i;
      FLOW_PLAIN_END.lastIndex = i;
      i = FLOW_PLAIN_END.exec(text)?.index ?? text.length;
      const plain = text.slice(start, i).trim();
      return /^(?:~|null|Null|NULL)?$/.test(plain) ? null : plain;
    };
    const quoted = (): string => {
      const end = quotedEnd(text, i);
      if (end < 0) throw unclosed();
      const body = text.slice(i + 1, end - 1);
      i = end;
      if (text[end - 1] === "'") return body.replace(/''/g, "'");
      return body.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|.)/g, (_, escape: string) => {
        const code = escape.length > 1 ? parseInt(escape.slice(1), 16) : undefined;
        const decoded = code === undefined ? ESCAPES[escape] : code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
        if (decoded === undefined) throw notRead(line);
        return decoded;
      });
    };
    const collection = (close: string, depth: number): YamlValue => {
      i++;
      const items: YamlValue[] = [];
      const entries: Parameters<typeof mappingOf>[0] = [];
      for (;;) {
        skipSpaces();
        if (text[i] === close) break;
        if (close === ']') {
          items.push(value(depth));
        } else {
          const plainKey = !/["']/.test(text.charAt(i));
          const key = value(depth);
          if (typeof key === 'object' && key !== null) throw notRead(line);
          skipSpaces();
          let entryValue: YamlValue = null;
          if (text[i] === ':') {
            i++;
            entryValue = value(depth);
          }
          entries.push([key ?? '', entryValue, plainKey, line]);
        }
        skipSpaces();
        if (text[i] === undefined) throw unclosed();
        if (text[i] === ',') i++;
        else if (text[i] !== close) throw notRead(line);
      }
      i++;
      return close === ']' ? items : mappingOf(entries);
    };
    const read = value(depth);
    if (uncommented(` ${text.slice(i)}`) !== '') throw notRead(line);
    return read;
  };

  if (lines.length === 0) return null;
  const document = block(lines[0].indent, 0);
  if (at < lines.length) throw new YamlError(t('this line is indented less than the document it belongs to'), lines[at].number);
  return document;
}
