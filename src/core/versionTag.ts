// Tags that look like versions, and the newest tag of the same family, for "Newer image available".
//
// The rule: an optional `v` (or `V`), then 2 to 4 dot-separated numbers, then optionally `-` and a
// suffix (any tag characters): `1.2`, `v1.2.3`, `1.2.3-alpine`, `2024.01.5`. A lone number (`42`,
// a build number) is not a version. Two tags are of the same family when they have the same prefix,
// the same number of numbers and the same suffix, so `1.2.3-alpine` is only compared with
// `x.y.z-alpine`, `1.2` (a moving minor tag) with `x.y`, and `1.2.3` never with a pre-release
// `1.3.0-rc.1`. Numbers compare as numbers, left to right.
// No vscode import (unit-tested).

export interface VersionTag {
  readonly prefix: '' | 'v' | 'V';
  readonly numbers: readonly number[];
  /** After the `-`; empty without one. */
  readonly suffix: string;
}

// Up to 9 digits per number keeps every value exact in a double.
const VERSION_TAG = /^([vV]?)(\d{1,9}(?:\.\d{1,9}){1,3})(?:-([A-Za-z0-9_.-]+))?$/;

/** The version in a tag, or undefined when the tag does not look like one. */
export function parseVersionTag(tag: string): VersionTag | undefined {
  const match = VERSION_TAG.exec(tag);
  if (!match) return undefined;
  return { prefix: match[1] as VersionTag['prefix'], numbers: match[2].split('.').map(Number), suffix: match[3] ?? '' };
}

export function sameFamily(a: VersionTag, b: VersionTag): boolean {
  return a.prefix === b.prefix && a.suffix === b.suffix && a.numbers.length === b.numbers.length;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (same family assumed). */
export function compareVersions(a: VersionTag, b: VersionTag): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const difference = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export interface TaggedImage {
  readonly tag: string;
  readonly digest: string;
  readonly pushedAt?: Date;
}

/**
 * The newest tag of `current`'s family among `tags`, when it is a newer version on another image
 * (a newer tag of the very image the reference already names is no newer image). Of equal
 * versions (`1.2` and `1.02`), the one pushed last.
 */
export function newerTag(current: string, currentDigest: string, tags: readonly TaggedImage[]): TaggedImage | undefined {
  const version = parseVersionTag(current);
  if (!version) return undefined;
  let best: { readonly image: TaggedImage; readonly version: VersionTag } | undefined;
  for (const image of tags) {
    const candidate = parseVersionTag(image.tag);
    if (!candidate || !sameFamily(version, candidate) || compareVersions(candidate, version) <= 0) continue;
    const order = best ? compareVersions(candidate, best.version) : 1;
    if (order > 0 || (order === 0 && best && pushedTime(image) > pushedTime(best.image))) best = { image, version: candidate };
  }
  return best && best.image.digest !== currentDigest ? best.image : undefined;
}

function pushedTime(image: TaggedImage): number {
  return image.pushedAt?.getTime() ?? 0;
}
