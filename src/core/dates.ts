// Dates from ECR (push, scan, creation times) are shown as ISO 8601. A hostile or broken endpoint
// can send a timestamp outside Date's range: `toISOString` would throw and take the view with it.

/** `2026-11-30T21:00:00Z`, or undefined when there is no date or it is not a valid one. */
export function isoDate(value: Date | string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What to show for a date that came but could not be read. */
export const INVALID_DATE = 'invalid date';
