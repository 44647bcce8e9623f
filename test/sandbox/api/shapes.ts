// AWS's front-end shape validation: a constraint violation answers ValidationException
// ("1 validation error detected: Value '...' at 'path' failed to satisfy constraint: ...").
import { EcrError } from '../ecrError';
import type { Input } from './params';

export const invalid = (path: string, value: unknown, rule: string): EcrError =>
  new EcrError('ValidationException', `1 validation error detected: Value '${JSON.stringify(value)}' at '${path}' failed to satisfy constraint: ${rule}`);

export function list(value: unknown, path: string, min: number, max: number, required: boolean): unknown[] {
  if (value === undefined || value === null) {
    if (required) throw invalid(path, null, 'Member must not be null');
    return [];
  }
  if (!Array.isArray(value)) throw invalid(path, value, 'Member must be a list');
  if (value.length < min) throw invalid(path, value.length, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw invalid(path, value.length, `Member must have length less than or equal to ${max}`);
  return value;
}

export function struct(value: unknown, path: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, value, 'Member must be a structure');
  return value as Input;
}

export function text(value: unknown, path: string, pattern: RegExp, min: number, max: number): string {
  if (value === undefined || value === null) throw invalid(path, null, 'Member must not be null');
  if (typeof value !== 'string') throw invalid(path, value, 'Member must be a string');
  if (value.length < min || value.length > max) throw invalid(path, value, `Member must have length between ${min} and ${max}`);
  if (!pattern.test(value)) throw invalid(path, value, `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
  return value;
}

/** Absent stays undefined; present must be text as `text` checks. */
export function optionalText(value: unknown, path: string, pattern: RegExp, min: number, max: number): string | undefined {
  return value === undefined || value === null ? undefined : text(value, path, pattern, min, max);
}

export function enumValue<T extends string>(value: unknown, path: string, allowed: readonly T[], required: boolean): T | undefined {
  if (value === undefined || value === null) {
    if (required) throw invalid(path, null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(path, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}
