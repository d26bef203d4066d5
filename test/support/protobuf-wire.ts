// Protocol Buffers wire format by hand, for tests that must send what no well-behaved encoder writes: invalid
// UTF-8 in string fields, varints past a field's type (2^64 − 1 in an int32, 7 in a bool), non-finite floats.
// A raw gRPC client sends those bytes as they are (identity serializers), so the server decodes them itself.
import { grpc } from '@sluice/protocol';

const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts.map((p) => Buffer.from(p)));

/** Unsigned LEB128 of a 64-bit value; negative values as their two's complement (how int32/int64 encode them). */
export function varint(value: bigint): Uint8Array {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

const tag = (field: number, wireType: number) => varint(BigInt((field << 3) | wireType));

/** A length-delimited field: a string, bytes, an embedded message or a packed repeated field. */
export const lengthDelimited = (field: number, bytes: Uint8Array): Uint8Array =>
  concat([tag(field, 2), varint(BigInt(bytes.length)), bytes]);

export const varintField = (field: number, value: bigint): Uint8Array => concat([tag(field, 0), varint(value)]);

/** A 64-bit field (double, fixed64) from its 8 bytes. */
export const fixed64Field = (field: number, bytes: Uint8Array): Uint8Array => concat([tag(field, 1), bytes]);

/** Packed float32 values (repeated float). */
export function packedFloats(field: number, values: readonly number[]): Uint8Array {
  const body = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => body.writeFloatLE(v, i * 4));
  return lengthDelimited(field, body);
}

export const message = (...fields: Uint8Array[]): Uint8Array => concat(fields);

export type RawOutcome = { code: grpc.status; details: string; responses: number };

const identity = (b: Buffer) => b;

/** A client that sends and receives raw message bytes. */
export function rawClient(address: string, options: grpc.ChannelOptions = {}): grpc.Client {
  return new grpc.Client(address, grpc.credentials.createInsecure(), options);
}

export function rawUnary(client: grpc.Client, path: string, body: Uint8Array, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      path,
      identity,
      identity,
      Buffer.from(body),
      { deadline: Date.now() + timeoutMs },
      (error) =>
        resolve({ code: error?.code ?? grpc.status.OK, details: error?.details ?? '', responses: error ? 0 : 1 }),
    );
  });
}

export function rawServerStream(
  client: grpc.Client,
  path: string,
  body: Uint8Array,
  timeoutMs: number,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let responses = 0;
    const call = client.makeServerStreamRequest(path, identity, identity, Buffer.from(body), {
      deadline: Date.now() + timeoutMs,
    });
    call.on('data', () => (responses += 1));
    call.on('status', (status: grpc.StatusObject) =>
      resolve({ code: status.code, details: status.details, responses }),
    );
    call.on('error', () => {});
  });
}

/** Writes each request on a bidirectional stream, waits for `expect` responses (or the stream's end), ends it. */
export function rawBidi(
  client: grpc.Client,
  path: string,
  bodies: readonly Uint8Array[],
  expect: number,
  timeoutMs: number,
  onResponse: (bytes: Buffer) => void = () => {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let responses = 0;
    const call = client.makeBidiStreamRequest(path, identity, identity, { deadline: Date.now() + timeoutMs });
    call.on('data', (bytes: Buffer) => {
      responses += 1;
      onResponse(bytes);
      if (responses >= expect) call.end();
    });
    call.on('status', (status: grpc.StatusObject) =>
      resolve({ code: status.code, details: status.details, responses }),
    );
    call.on('error', () => {});
    for (const body of bodies) call.write(Buffer.from(body));
    if (expect === 0) call.end();
  });
}

/** The bytes of top-level length-delimited field `field` (the last occurrence), or undefined. */
export function readLengthDelimited(bytes: Uint8Array, field: number): Uint8Array | undefined {
  let at = 0;
  let found: Uint8Array | undefined;
  const readVarint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[at++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < bytes.length) {
    const key = Number(readVarint());
    const wireType = key & 7;
    if (wireType === 0) readVarint();
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = Number(readVarint());
      if (key >> 3 === field) found = bytes.subarray(at, at + length);
      at += length;
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
  return found;
}
