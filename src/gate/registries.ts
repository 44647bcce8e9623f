// The CLI's registries: those the explorer would find (AWS profiles, environment credentials) plus
// `ECR_REGISTRIES` / `--registries` entries shaped like the `ecr.registries` setting, connected once.
import { classifyAwsError, createEcrApi, discoverRegistries, type RegistrySetting } from '../aws/index';
import type { RegistryEntry } from '../explorer/nodes';

export async function connectRegistries(settings: readonly RegistrySetting[], warn: (message: string) => void): Promise<RegistryEntry[]> {
  const sources = await discoverRegistries({ registries: settings });
  return Promise.all(
    sources.map(async (source): Promise<RegistryEntry> => {
      if (source.problem) return { source, problem: { kind: 'other', message: source.problem } };
      const api = createEcrApi(source, { warn: (message) => warn(`${source.label}: ${message}`) });
      try {
        return { source, api, info: await api.registryInfo() };
      } catch (error) {
        return { source, api, problem: classifyAwsError(error, source) };
      }
    }),
  );
}

/** Parses the JSON of `ECR_REGISTRIES` or `--registries`; throws a message for the user. */
export function parseRegistrySettings(json: string, where: string): RegistrySetting[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${where} is not valid JSON.`);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    const entry = item as Partial<Record<keyof RegistrySetting, unknown>> | null;
    if (!entry || typeof entry !== 'object' || typeof entry.region !== 'string' || entry.region.trim() === '') {
      throw new Error(`${where}[${i}] needs a "region" (e.g. {"region": "us-east-1", "endpoint": "http://127.0.0.1:4566"}).`);
    }
    const text = (key: keyof RegistrySetting): string | undefined => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
    return { region: entry.region, profile: text('profile'), endpoint: text('endpoint'), label: text('label') };
  });
}
