// The SailPoint CLI's configuration (~/.sailpoint/config.yaml): its `environments` name each tenant and give its
// `baseurl` (API) and `tenanturl` (web UI). The CLI keeps secrets in the OS keyring, which is not read here.
import { PatError } from '../errors';
import { t } from '../l10n';
import type { Tenant } from '../model';
import { normalizeTenantUrl } from '../tenantUrl';
import { stripUnsafeCharacters } from '../validation';
import { parseYaml as parseYamlText, YamlError } from './cliYaml';

/** A CLI config is a few hundred bytes per environment: 1 MB is thousands of them, and parses in milliseconds. */
export const MAX_CLI_CONFIG_BYTES = 1024 * 1024;
/** More environments than anyone keeps; the import asks for each one's credentials. */
export const MAX_CLI_ENVIRONMENTS = 500;

export interface CliEnvironment {
  /** The environment's name in the CLI, used as the tenant's display name. */
  name: string;
  /** The API base URL credentials may be sent to, normalised as Add Tenant does. */
  baseUrl: string;
}

export interface CliEnvironments {
  usable: CliEnvironment[];
  /** Environments that name no acceptable URL, with the reason (shown, never imported). */
  skipped: { name: string; reason: string }[];
}

/** Names and URLs are file text: cut and stripped of control characters before they are shown anywhere. */
function shown(text: string, max = 80): string {
  return stripUnsafeCharacters(text).slice(0, max);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function malformed(file: string, why: string): PatError {
  return new PatError('invalid-input', t('{0} is not a SailPoint CLI configuration this extension can read: {1}', file, why));
}

function parseYaml(text: string, file: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_CLI_CONFIG_BYTES) {
    throw malformed(file, t('it is larger than 1 MB.'));
  }
  try {
    return parseYamlText(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    throw malformed(file, t('it is not valid YAML (line {0}): {1}.', error.line, error.message));
  }
}

function environmentOf(name: string, value: unknown): CliEnvironment | { name: string; reason: string } {
  const fields = asRecord(value);
  // Viper, which the CLI uses, writes lower-case keys; either URL will do, the API one preferred.
  const url = [fields?.baseurl, fields?.tenanturl].find((each): each is string => typeof each === 'string' && each.trim() !== '');
  if (url === undefined) return { name: shown(name), reason: t('it has neither baseurl nor tenanturl') };
  const normalized = normalizeTenantUrl(url);
  return normalized.ok ? { name: shown(name, 120).trim() || normalized.baseUrl, baseUrl: normalized.baseUrl } : { name: shown(name), reason: normalized.reason };
}

/** The environments of the file's text; throws PatError('invalid-input') for text that is no such configuration. */
export function parseCliConfig(text: string, file: string): CliEnvironments {
  const config = asRecord(parseYaml(text, file));
  const environments = asRecord(config?.environments);
  if (environments === undefined || Object.keys(environments).length === 0) {
    throw malformed(file, t('it lists no environments (set one up with "sail environment create").'));
  }
  if (Object.keys(environments).length > MAX_CLI_ENVIRONMENTS) throw malformed(file, t('it lists more than {0} environments.', MAX_CLI_ENVIRONMENTS));
  const result: CliEnvironments = { usable: [], skipped: [] };
  for (const [name, value] of Object.entries(environments)) {
    const environment = environmentOf(name, value);
    if ('reason' in environment) result.skipped.push(environment);
    else result.usable.push(environment);
  }
  return result;
}

/** The environments whose API URL no tenant has yet, each URL once. */
export function notYetAdded(environments: readonly CliEnvironment[], tenants: readonly Tenant[]): CliEnvironment[] {
  const known = new Set(tenants.map((tenant) => tenant.baseUrl));
  const fresh: CliEnvironment[] = [];
  for (const environment of environments) {
    if (known.has(environment.baseUrl)) continue;
    known.add(environment.baseUrl);
    fresh.push(environment);
  }
  return fresh;
}
