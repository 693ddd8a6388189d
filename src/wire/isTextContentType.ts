/**
 * Content types whose bodies are text: `text/*`, JSON and XML (and their `+json`/`+xml`
 * suffixes), JavaScript, form data, NDJSON and GraphQL. Source: the types API Gateway,
 * ALB and Function URLs pass as plain strings rather than base64 (Lambda developer guide,
 * "Invoking Lambda function URLs", payload `isBase64Encoded`), widened by the two text
 * formats a handler commonly streams (NDJSON, GraphQL).
 */
const TEXT_TYPE = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|x-ndjson|graphql)|[^;]*\+(json|xml))/i;

/**
 * The one text-type rule: whether a body of this `Content-Type` is text (so a proxy event
 * or result carries it as a UTF-8 string when it is valid UTF-8) rather than base64.
 *
 * @example
 * ```ts
 * isTextContentType('application/json; charset=utf-8'); // true
 * isTextContentType('application/vnd.api+json');         // true
 * isTextContentType('image/png');                        // false
 * isTextContentType(undefined);                          // false
 * ```
 */
export function isTextContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && TEXT_TYPE.test(contentType);
}
