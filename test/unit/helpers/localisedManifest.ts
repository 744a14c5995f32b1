// package.json as a person reads it in English: each `%key%` replaced by its text in package.nls.json.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export function readLocalisedManifest(repoRoot: string): unknown {
  const nls = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const text = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  return JSON.parse(text.replace(/"%([^%"]+)%"/g, (placeholder, key: string) => (key in nls ? JSON.stringify(nls[key]) : placeholder)));
}
