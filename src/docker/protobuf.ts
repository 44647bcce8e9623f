// Just enough protobuf for the few BuildKit messages used here (status updates, registry
// credentials), so no schema files or code generator travel with the extension.

/** The top-level fields of one message: varints as numbers, length-delimited fields as Buffers. */
export function* protobufFields(buffer: Buffer): Generator<[number, number | Buffer]> {
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (at >= buffer.length) throw new Error('truncated protobuf message');
      const byte = buffer[at++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  };
  while (at < buffer.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        yield [field, varint()];
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const length = varint();
        yield [field, buffer.subarray(at, at + length)];
        at += length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`unexpected protobuf wire type ${key & 7}`);
    }
  }
}

/** A message of string fields, by field number; empty strings are left out, as proto3 does. */
export function encodeStringFields(values: ReadonlyArray<readonly [number, string]>): Buffer {
  const parts: Buffer[] = [];
  for (const [field, value] of values) {
    if (!value) continue;
    const bytes = Buffer.from(value, 'utf8');
    parts.push(varint(field * 8 + 2), varint(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
