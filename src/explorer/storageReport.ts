// The "Storage and Cleanup" document: a registry's repositories by size and by reclaimable size,
// with estimated monthly costs. Every name from ECR is escaped; the document has no command links
// (the markdown preview does not run them): its actions are commands that offer these rows.
// No vscode import (unit-tested).
import { byReclaimable, bySize, formatUsd, type RepositoryStorage, type StoragePrices, type Tally } from '../core/storage';
import { escapeMarkdown } from '../core/markdown';
import { isoDate } from '../core/dates';
import { formatBytes } from './format';

export interface StorageReportInput {
  readonly registryLabel: string;
  readonly repositories: readonly RepositoryStorage[];
  readonly failures: readonly { readonly repository: string; readonly message: string }[];
  readonly prices: StoragePrices;
  readonly unpulledDays: number;
  readonly generatedAt: Date;
  /** Rows per table; the rest are counted. */
  readonly rows?: number;
}

const DEFAULT_ROWS = 100;

const tally = (t: Tally): string => (t.count === 0 ? '-' : `${t.count} (${formatBytes(t.bytes)})`);
const cell = (text: string): string => escapeMarkdown(text).replace(/\n/g, ' ');

export function storageReportMarkdown(input: StorageReportInput): string {
  const rows = input.rows ?? DEFAULT_ROWS;
  const repos = input.repositories;
  const sum = (pick: (r: RepositoryStorage) => number): number => repos.reduce((n, r) => n + pick(r), 0);
  const images = sum((r) => r.images.count);
  const bytes = sum((r) => r.images.bytes);
  const archived = sum((r) => r.archived.count);
  const reclaimable = sum((r) => r.reclaimable.bytes);
  const days = input.unpulledDays;
  const lines = [
    `# Storage and Cleanup: ${cell(input.registryLabel)}`,
    '',
    `${repos.length} repositories, ${images} images, **${formatBytes(bytes)}** stored: about **${formatUsd(sum((r) => r.monthlyCost))} a month**` +
      `${archived > 0 ? ` (${archived} archived images)` : ''}.`,
    '',
    `Reclaimable: **${formatBytes(reclaimable)}**, about **${formatUsd(sum((r) => r.reclaimableMonthlyCost))} a month** - untagged images and images not pulled for ${days} days.`,
    '',
    `Estimates at ${formatUsd(input.prices.standardPerGbMonth)} per GB-month (standard) and ${formatUsd(input.prices.archivePerGbMonth)} (archive), ` +
      'from the image sizes ECR reports (layers shared between images are counted for each). ' +
      `Prices and days: settings \`ecr.storage.*\`. Generated ${isoDate(input.generatedAt) ?? ''}.`,
    '',
    `## Largest repositories`,
    '',
    `| Repository | Images | Size | Untagged | Not pulled for ${days} days | Archived | Per month |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const largest = [...repos].sort(bySize);
  for (const r of largest.slice(0, rows)) {
    lines.push(`| ${cell(r.name)} | ${r.images.count} | ${formatBytes(r.images.bytes)} | ${tally(r.untagged)} | ${tally(r.unpulled)} | ${tally(r.archived)} | ${formatUsd(r.monthlyCost)} |`);
  }
  if (largest.length > rows) lines.push('', `… and ${largest.length - rows} more repositories.`);
  lines.push('', '## Most reclaimable', '');
  const reclaim = [...repos].filter((r) => r.reclaimable.count > 0).sort(byReclaimable);
  if (reclaim.length === 0) lines.push('Nothing to reclaim: every image is tagged and was pulled recently.');
  else {
    lines.push('| Repository | Reclaimable | Saves per month | Untagged | Not pulled |', '| --- | ---: | ---: | ---: | ---: |');
    for (const r of reclaim.slice(0, rows)) {
      lines.push(`| ${cell(r.name)} | ${tally(r.reclaimable)} | ${formatUsd(r.reclaimableMonthlyCost)} | ${tally(r.untagged)} | ${tally(r.unpulled)} |`);
    }
    if (reclaim.length > rows) lines.push('', `… and ${reclaim.length - rows} more repositories.`);
  }
  lines.push(
    '',
    '## Actions',
    '',
    '- **ECR: Create a Cleanup Rule...** (palette, or the registry\'s or a repository\'s context menu) offers these repositories, ' +
      'most reclaimable first; the rule opens in the repository\'s lifecycle policy draft with a preview of what it frees, before anything is saved.',
    '- **Archive Image...** and **Restore Archived Image** on an image in the ECR view.',
  );
  if (input.failures.length > 0) {
    lines.push('', '## Not counted', '');
    for (const f of input.failures) lines.push(`- ${cell(f.repository)}: ${cell(f.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
