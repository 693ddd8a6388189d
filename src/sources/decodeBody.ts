import { RecordParseError } from '../errors.js';

/**
 * How a record's payload is decoded: as JSON on request, then optionally checked and
 * typed by `parse` (a schema's `parse`, such as zod's `schema.parse`).
 */
export interface BodyOptions<T = unknown> {
  /** Parse the body (SQS, SNS) or data (Kinesis) as JSON. Default `false`. */
  readonly json?: boolean;
  /**
   * Validates and types the decoded value (the JSON value with `json: true`, otherwise the
   * text, or the bytes for Kinesis). A throw makes that record fail with `RecordParseError`.
   */
  readonly parse?: (value: unknown) => T;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The message of a thrown value, for `RecordParseError` messages. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Decodes one record's payload (text, bytes, or an already-parsed value) per `options`; throws `RecordParseError` naming the record. */
export function decodeBody<T>(payload: unknown, recordId: string, options: BodyOptions<T>): T {
  let value: unknown = payload;
  if (options.json === true) {
    let text: string;
    try {
      text = typeof payload === 'string' ? payload : utf8Strict.decode(payload as Uint8Array);
    } catch (error) {
      throw new RecordParseError(`record ${recordId} is not UTF-8 text`, recordId, { cause: error });
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new RecordParseError(`record ${recordId} is not valid JSON: ${describeError(error)}`, recordId, { cause: error });
    }
  }
  if (options.parse === undefined) return value as T;
  try {
    return options.parse(value);
  } catch (error) {
    throw new RecordParseError(`record ${recordId} was rejected by parse: ${describeError(error)}`, recordId, { cause: error });
  }
}

/** Standard base64 with padding, as Lambda event sources send it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard base64 strictly; throws `RecordParseError` naming the record when it is not. */
export function decodeBase64(text: string, recordId: string): Uint8Array {
  if (!BASE64.test(text)) throw new RecordParseError(`record ${recordId} is not valid base64`, recordId);
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
