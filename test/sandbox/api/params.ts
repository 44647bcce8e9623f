// Input validation and paging with ECR's constraints and error messages.
import { createHash } from 'node:crypto';
import { invalidParameter } from '../ecrError';

export type Input = Record<string, unknown>;

export const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const IMAGE_TAG_MAX = 300;
export const DIGEST = /^[0-9a-z-+.]+:[0-9a-fA-F]+$/;
const REGISTRY_ID = /^[0-9]{12}$/;

const constraint = (field: string, rule: string) => invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: '${rule}'`);

export function requiredString(input: Input, field: string, min = 1, max = Number.MAX_SAFE_INTEGER): string {
  const value = input[field];
  if (value === undefined || value === null) throw constraint(field, 'Member must not be null');
  return checkString(value, field, min, max);
}

export function optionalString(input: Input, field: string, min = 1, max = Number.MAX_SAFE_INTEGER): string | undefined {
  const value = input[field];
  return value === undefined || value === null ? undefined : checkString(value, field, min, max);
}

function checkString(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string') throw constraint(field, 'Member must be a string');
  if (value.length < min) throw constraint(field, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraint(field, `Member must have length less than or equal to ${max}`);
  return value;
}

export function repositoryName(input: Input, field = 'repositoryName'): string {
  return checkRepositoryName(requiredString(input, field), field);
}

export function checkRepositoryName(name: unknown, field = 'repositoryName'): string {
  const value = checkString(name, field, 2, 256);
  if (!REPOSITORY_NAME.test(value)) {
    throw constraint(field, `must satisfy regular expression '${REPOSITORY_NAME.source.slice(1, -1)}'`);
  }
  return value;
}

export function registryId(input: Input): string | undefined {
  const value = optionalString(input, 'registryId');
  if (value !== undefined && !REGISTRY_ID.test(value)) throw constraint('registryId', "must satisfy regular expression '[0-9]{12}'");
  return value;
}

export function optionalInt(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw constraint(field, 'Member must be an integer');
  if (value < min) throw constraint(field, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(field, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw constraint(field, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

export function optionalList(input: Input, field: string, min: number, max: number): unknown[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw constraint(field, 'Member must be a list');
  if (value.length < min) throw constraint(field, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraint(field, `Member must have length less than or equal to ${max}`);
  return value;
}

export function optionalObject(input: Input, field: string): Input | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw constraint(field, 'Member must be a structure');
  return value as Input;
}

export interface ImageIdInput {
  readonly imageDigest?: string;
  readonly imageTag?: string;
}

export function imageIdOf(value: unknown, field = 'imageId'): ImageIdInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw constraint(field, 'Member must be a structure');
  const id = value as Input;
  return {
    imageDigest: optionalString(id, 'imageDigest'),
    imageTag: optionalString(id, 'imageTag', 1, IMAGE_TAG_MAX),
  };
}

/** Opaque, tamper-evident page token bound to the request it came from. */
export function page<T>(
  items: readonly T[],
  input: Input,
  scope: string,
  limits: { defaultMax: number; max: number },
): { items: T[]; nextToken?: string } {
  const maxResults = optionalInt(input, 'maxResults', 1, limits.max) ?? limits.defaultMax;
  const token = optionalString(input, 'nextToken');
  const offset = token === undefined ? 0 : decodeToken(token, scope);
  const end = offset + maxResults;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodeToken(end, scope) : undefined,
  };
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scopeHash(scope) })).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.s === scopeHash(scope)) return parsed.o;
  } catch {
    // fall through
  }
  throw invalidParameter('Invalid parameter at \'nextToken\' failed to satisfy constraint: \'Invalid NextToken\'');
}

const scopeHash = (scope: string): string => createHash('sha256').update(scope).digest('base64url').slice(0, 16);

export const epoch = (date: Date): number => date.getTime() / 1000;
