import type { AttributeValue } from 'aws-lambda';

/**
 * A DynamoDB number kept as its exact decimal text (`wrapNumbers: true`), for values a
 * JavaScript number cannot hold. `String(n)` and `JSON.stringify` give the text.
 *
 * @example
 * ```ts
 * const n = new DynamoDbNumber('12345678901234567890.5');
 * String(n); // '12345678901234567890.5'
 * ```
 */
export class DynamoDbNumber {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  toJSON(): string {
    return this.value;
  }
}

/** How DynamoDB numbers (`N`, `NS`) become values. */
export interface UnmarshallOptions {
  /**
   * `true`: every number as a `DynamoDbNumber` (its exact text); a function: called with the
   * text. Default: a `number`, a `bigint` for integers beyond 2^53, an error otherwise.
   */
  readonly wrapNumbers?: boolean | ((text: string) => unknown);
}

/**
 * Turns a DynamoDB stream image (attribute name → typed `AttributeValue`, as Lambda
 * delivers it) into plain values: `S` string, `N` number (see `wrapNumbers`), `B` bytes
 * (from base64), `BOOL`, `NULL` → `null`, `L` array, `M` object, `SS`/`NS`/`BS` `Set`s.
 * Throws an `Error` naming the attribute for a value it cannot read.
 *
 * @example
 * ```ts
 * unmarshallImage({ id: { S: 'a' }, n: { N: '2' }, tags: { SS: ['x'] } }); // { id: 'a', n: 2, tags: Set { 'x' } }
 * ```
 */
export function unmarshallImage(image: Record<string, AttributeValue>, options: UnmarshallOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(image)) out[name] = toValue(value, options, name);
  return out;
}

function toValue(value: AttributeValue, options: UnmarshallOptions, path: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- images come from DynamoDB Streams JSON; this is the check that a value is an attribute value
  if (value === null || typeof value !== 'object') throw new Error(`${path}: not an attribute value`);
  const set = Object.entries(value).filter(([, v]) => v !== undefined);
  if (set.length !== 1) throw new Error(`${path}: an attribute value has exactly one type, got ${set.length === 0 ? 'none' : set.map(([k]) => k).join(', ')}`);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- AttributeValue's members are typed `any` by @types/aws-lambda; each type is checked below
  const [type, raw] = set[0]!;
  switch (type) {
    case 'S':
      return String(raw);
    case 'N':
      return toNumber(raw as string, options, path);
    case 'B':
      return fromBase64(raw as string | Uint8Array);
    case 'BOOL':
      return raw === true || raw === 'true';
    case 'NULL':
      return null;
    case 'L':
      return listOf(raw, path).map((item, i) => toValue(item as AttributeValue, options, `${path}[${i}]`));
    case 'M':
      return unmarshallImage(raw as Record<string, AttributeValue>, options);
    case 'SS':
      return new Set(listOf(raw, path).map(String));
    case 'NS':
      return new Set(listOf(raw, path).map((n) => toNumber(n as string, options, path)));
    case 'BS':
      return new Set(listOf(raw, path).map((b) => fromBase64(b as string | Uint8Array)));
    default:
      throw new Error(`${path}: unknown attribute type ${type}`);
  }
}

function listOf(raw: unknown, path: string): unknown[] {
  if (!Array.isArray(raw)) throw new Error(`${path}: expected a list`);
  return raw;
}

/** Stream events carry binary as base64 text; bytes pass through. */
function fromBase64(raw: string | Uint8Array): Uint8Array {
  return typeof raw === 'string' ? Buffer.from(raw, 'base64') : raw;
}

function toNumber(text: string, options: UnmarshallOptions, path: string): unknown {
  if (typeof options.wrapNumbers === 'function') return options.wrapNumbers(text);
  if (options.wrapNumbers === true) return new DynamoDbNumber(text);
  const number = Number(text);
  if (Number.isNaN(number) || typeof text !== 'string' || text.trim() === '') throw new Error(`${path}: ${JSON.stringify(text)} is not a number`);
  if (Number.isSafeInteger(number) || !Number.isFinite(number) || Math.abs(number) <= Number.MAX_SAFE_INTEGER) return number;
  try {
    return BigInt(text);
  } catch {
    throw new Error(`${path}: ${text} does not fit a JavaScript number; set wrapNumbers to keep its text`);
  }
}
