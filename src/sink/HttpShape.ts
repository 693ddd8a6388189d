/**
 * How the caller of a function reads an HTTP response, which decides the shape of a proxy
 * result or a streaming prelude. The sink takes it as an input; working it out from an
 * event is the core's job (`planResponse`).
 * - `payload-v2`: API Gateway HTTP API and Function URLs (payload format 2.0): `headers`
 *   (repeated values joined) and `cookies`; also anything that is not an HTTP event.
 * - `apigw-rest`: API Gateway REST (payload 1.0): `headers` plus `multiValueHeaders`, cookies as `set-cookie`.
 * - `alb`: ALB without multi-value headers: `statusDescription`, `headers` (the last cookie wins).
 * - `alb-multi-value`: ALB with multi-value headers on: `statusDescription`, `multiValueHeaders`.
 */
export type HttpShape = 'payload-v2' | 'apigw-rest' | 'alb' | 'alb-multi-value';
