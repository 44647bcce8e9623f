// Which registries to show: AWS profiles x regions, environment credentials and explicit settings.
// The shared files are read with the SDK's own loader so we see them exactly as the SDK does.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export type RegistryOrigin = 'profile' | 'environment' | 'setting';

export interface RegistrySource {
  /** Stable key: same credentials + region + endpoint always give the same id. */
  readonly id: string;
  readonly label: string;
  readonly profile?: string;
  /** Empty only when `problem` says why. */
  readonly region: string;
  readonly endpoint?: string;
  readonly origin: RegistryOrigin;
  /** The profile signs in through IAM Identity Center (sso_session or sso_start_url). */
  readonly ssoProfile?: boolean;
  /** The account the profile names (`sso_account_id`, or the account of its `role_arn`), before any call. */
  readonly accountHint?: string;
  /** Why this source cannot be used as configured (shown instead of its repositories). */
  readonly problem?: string;
}

export interface RegistrySetting {
  readonly profile?: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly label?: string;
}

export interface DiscoveryOptions {
  readonly registries?: readonly RegistrySetting[];
  readonly extraRegions?: readonly string[];
  /** Defaults to process.env; AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE are honoured from it. */
  readonly env?: NodeJS.ProcessEnv;
}

type Section = Record<string, string | undefined>;

// Config-file sections that are not profiles ("[sso-session x]" is parsed as "sso-session.x").
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

export async function discoverRegistries(options: DiscoveryOptions = {}): Promise<RegistrySource[]> {
  const env = options.env ?? process.env;
  const extraRegions = unique((options.extraRegions ?? []).map((r) => r.trim()).filter(Boolean));
  const files = await loadSharedConfigFiles({
    configFilepath: env.AWS_CONFIG_FILE,
    filepath: env.AWS_SHARED_CREDENTIALS_FILE,
    ignoreCache: true, // a refresh must see edits to ~/.aws/config
  });
  const found: RegistrySource[] = [];

  for (const setting of options.registries ?? []) found.push(fromSetting(setting, files.configFile));
  if (env.AWS_ACCESS_KEY_ID) found.push(...fromEnvironment(env, extraRegions));
  for (const name of profileNames(files.configFile, files.credentialsFile)) {
    const config: Section = files.configFile[name] ?? {};
    const credentials: Section = files.credentialsFile[name] ?? {};
    found.push(...fromProfile(name, config, credentials, extraRegions));
  }
  return dedupe(found);
}

function fromSetting(setting: RegistrySetting, configFile: Record<string, Section>): RegistrySource {
  const region = setting.region.trim();
  const endpoint = setting.endpoint?.trim() || undefined;
  const profile = setting.profile?.trim() || undefined;
  const config = profile ? configFile[profile] : undefined;
  return {
    id: sourceId(profile ? `profile:${profile}` : 'chain', region, endpoint),
    label: setting.label?.trim() || defaultLabel(profile ?? 'Default credentials', region, endpoint),
    profile,
    region,
    endpoint,
    origin: 'setting',
    ssoProfile: config ? isSso(config) : undefined,
    problem: region ? undefined : 'A registry in the ecr.registries setting has no region.',
  };
}

function fromEnvironment(env: NodeJS.ProcessEnv, extraRegions: readonly string[]): RegistrySource[] {
  const own = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const regions = unique([...(own ? [own] : []), ...extraRegions]);
  if (regions.length === 0) {
    return [{
      id: sourceId('env', '', undefined),
      label: 'Environment credentials',
      region: '',
      origin: 'environment',
      problem: 'AWS_ACCESS_KEY_ID is set but no region; set AWS_REGION or ecr.regions.',
    }];
  }
  return regions.map((region) => ({
    id: sourceId('env', region, undefined),
    label: defaultLabel('Environment credentials', region, undefined),
    region,
    origin: 'environment',
  }));
}

function fromProfile(name: string, config: Section, credentials: Section, extraRegions: readonly string[]): RegistrySource[] {
  const own = config.region ?? credentials.region;
  const regions = unique([...(own ? [own] : []), ...extraRegions]);
  const ssoProfile = isSso(config);
  if (regions.length === 0) {
    return [{
      id: sourceId(`profile:${name}`, '', undefined),
      label: name,
      profile: name,
      region: '',
      origin: 'profile',
      ssoProfile,
      problem: `Profile "${name}" has no region; set region in ~/.aws/config or ecr.regions.`,
    }];
  }
  // A profile's own endpoint_url (e.g. LocalStack or the sandbox) is honoured here, so the
  // explorer shows it and learns its registry host.
  const endpoint = config.endpoint_url?.trim() || undefined;
  const accountHint = accountOf(config);
  return regions.map((region) => ({
    id: sourceId(`profile:${name}`, region, endpoint),
    label: defaultLabel(name, region, undefined),
    profile: name,
    region,
    endpoint,
    origin: 'profile',
    ssoProfile,
    accountHint,
  }));
}

function accountOf(config: Section): string | undefined {
  const named = config.sso_account_id?.trim() || /^arn:aws[\w-]*:iam::(\d{12}):/.exec(config.role_arn?.trim() ?? '')?.[1];
  return named && /^\d{12}$/.test(named) ? named : undefined;
}

function profileNames(configFile: Record<string, Section>, credentialsFile: Record<string, Section>): string[] {
  const names = unique([...Object.keys(configFile), ...Object.keys(credentialsFile)])
    .filter((name) => !NON_PROFILE_PREFIXES.some((prefix) => name.startsWith(prefix)));
  // "default" first, then in file order.
  return [...names.filter((n) => n === 'default'), ...names.filter((n) => n !== 'default')];
}

function isSso(config: Section): boolean {
  return Boolean(config.sso_session || config.sso_start_url);
}

function sourceId(credentials: string, region: string, endpoint: string | undefined): string {
  return `${credentials}|${region}|${endpoint ? endpoint.replace(/\/+$/, '') : ''}`;
}

function defaultLabel(name: string, region: string, endpoint: string | undefined): string {
  const host = endpoint ? ` at ${hostOf(endpoint)}` : '';
  return `${name} (${region || 'no region'})${host}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

// The first source with a given id wins, so explicit settings (listed first) keep their label.
function dedupe(sources: readonly RegistrySource[]): RegistrySource[] {
  const seen = new Map<string, RegistrySource>();
  for (const source of sources) if (!seen.has(source.id)) seen.set(source.id, source);
  return [...seen.values()];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
