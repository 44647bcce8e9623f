import { inputParsed } from '../ui/prompts';
import type { CommandFactory } from '.';
import type { RegistryScanningConfiguration, RegistryScanningRule } from '../aws/ecrApi';
import type { EcrContext } from '../context';
import { parseScanningFilters } from '../core/registrySettings';
import { scanningConfigurationNode } from '../explorer/nodes';
import { asNode } from './nodeArgs';
import { settingsApi, settingsArg } from './registrySettingsArgs';

/** Basic or enhanced scanning and the repositories each frequency covers; `given` skips the questions. */
export const editScanningConfiguration: CommandFactory = (ctx) => ({
  id: 'ecr.editScanningConfiguration',
  run: async (arg, given?: unknown) => {
    const settings = await settingsArg(ctx, arg);
    if (!settings) return undefined;
    const api = await settingsApi(ctx, settings);
    const current = asNode(arg, 'scanningConfiguration')?.configuration ?? (await api.scanningConfiguration());
    const configuration = (given as RegistryScanningConfiguration | undefined) ?? (await ask(ctx, current));
    if (!configuration) return undefined;
    for (const rule of configuration.rules ?? []) {
      const parsed = parseScanningFilters((rule.repositoryFilters ?? []).map((f) => f.filter ?? '').join(','));
      if (typeof parsed === 'string') throw new Error(`Scanning configuration not saved: ${parsed}`);
      if (configuration.scanType !== 'ENHANCED' && rule.scanFrequency === 'CONTINUOUS_SCAN') {
        throw new Error('Scanning configuration not saved: continuous scanning needs enhanced scanning (Amazon Inspector).');
      }
    }
    await api.putScanningConfiguration(configuration);
    ctx.log.info(`${settings.parent.registry.source.label}: scanning ${configuration.scanType ?? 'BASIC'} with ${(configuration.rules ?? []).length} rule(s)`);
    ctx.model.refresh(settings);
    return scanningConfigurationNode(settings, configuration).id;
  },
});

async function ask(ctx: EcrContext, current: RegistryScanningConfiguration): Promise<RegistryScanningConfiguration | undefined> {
  const type = await ctx.prompts.pick(
    [
      { label: 'Basic', description: 'ECR scans for CVEs on push or on demand', value: 'BASIC' as const },
      { label: 'Enhanced', description: 'Amazon Inspector scans OS and language packages, on push or continuously', value: 'ENHANCED' as const },
    ],
    { title: 'Registry scanning (1/3): scan type', placeHolder: `Scan type (current: ${current.scanType ?? 'BASIC'})` },
  );
  if (!type) return undefined;
  const filtersOf = (frequency: string) => (current.rules ?? []).find((r) => r.scanFrequency === frequency)?.repositoryFilters?.map((f) => f.filter).join(', ') ?? '';
  const askFilters = (title: string, prompt: string, value: string) => inputParsed(ctx.prompts, { title, prompt, value }, parseScanningFilters);
  const onPush = await askFilters('Registry scanning (2/3): scan on push', 'Repositories scanned on push: names with * as a wildcard, comma-separated (* for all; empty for none)', filtersOf('SCAN_ON_PUSH'));
  if (onPush === undefined) return undefined;
  const continuous = type.value === 'ENHANCED'
    ? await askFilters('Registry scanning (3/3): continuous scanning', 'Repositories scanned continuously: names with * as a wildcard, comma-separated (empty for none)', filtersOf('CONTINUOUS_SCAN'))
    : [];
  if (continuous === undefined) return undefined;
  const rules: RegistryScanningRule[] = [];
  for (const [scanFrequency, filters] of [['SCAN_ON_PUSH', onPush], ['CONTINUOUS_SCAN', continuous]] as const) {
    if (filters.length > 0) rules.push({ scanFrequency, repositoryFilters: filters });
  }
  return { scanType: type.value, rules };
}
