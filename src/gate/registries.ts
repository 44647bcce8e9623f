// The CLI's extra registries: `ECR_REGISTRIES` / `--registries` entries shaped like the
// `ecr.registries` setting.
import type { RegistrySetting } from '../aws/index';

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
