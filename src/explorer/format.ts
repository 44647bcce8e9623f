// Plain-text formatting for the explorer (no vscode import; unit-tested).

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB"; ECR sizes are bytes. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** "just now", "5 min ago", "2 h ago", "3 d ago", "4 mo ago", "2 y ago". */
export function formatAge(date: Date | string | undefined, now: number = Date.now()): string {
  if (date === undefined) return '';
  const seconds = Math.max(0, (now - new Date(date).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const steps: [number, string][] = [
    [60, 'min'],
    [24, 'h'],
    [30, 'd'],
    [12, 'mo'],
    [Number.POSITIVE_INFINITY, 'y'],
  ];
  let value = seconds / 60;
  for (const [size, unit] of steps) {
    if (value < size) return `${Math.floor(value)} ${unit} ago`;
    value /= size;
  }
  return '';
}

/** The label of an image: its tags, or `<untagged>`. */
export function imageLabel(tags: readonly string[] | undefined): string {
  return tags && tags.length > 0 ? tags.join(', ') : '<untagged>';
}
