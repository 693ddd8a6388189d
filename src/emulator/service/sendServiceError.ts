import type { ServerResponse } from 'node:http';
import { THROTTLE_RETRY_AFTER_SECONDS } from '../emulatorLimits.js';

/** The Lambda service errors the emulator answers before a function runs. */
export type ServiceErrorType =
  | 'ResourceNotFoundException'
  | 'RequestTooLargeException'
  | 'InvalidRequestContentException'
  | 'InvalidParameterValueException'
  | 'TooManyRequestsException'
  | 'AccessDeniedException'
  | 'MissingAuthenticationTokenException'
  | 'UnknownOperationException'
  | 'ServiceException';

const STATUS: Record<ServiceErrorType, number> = {
  ResourceNotFoundException: 404,
  RequestTooLargeException: 413,
  InvalidRequestContentException: 400,
  InvalidParameterValueException: 400,
  TooManyRequestsException: 429,
  AccessDeniedException: 403,
  MissingAuthenticationTokenException: 403,
  UnknownOperationException: 404,
  ServiceException: 500,
};

/**
 * Answers with an AWS-shaped service error: status, `X-Amzn-ErrorType`, and a JSON body
 * `{"Type","message"}` the AWS SDK turns into its typed exception.
 *
 * @example
 * ```ts
 * sendServiceError(res, 'ResourceNotFoundException', 'Function not found: arn:aws:lambda:...');
 * ```
 */
export function sendServiceError(
  res: ServerResponse,
  type: ServiceErrorType,
  message: string,
  requestId?: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': type,
    'x-amzn-requestid': requestId ?? crypto.randomUUID(),
  };
  const body: Record<string, string> = { Type: type === 'ServiceException' ? 'Service' : 'User', message, ...extra };
  if (type === 'TooManyRequestsException') headers['retry-after'] = String(THROTTLE_RETRY_AFTER_SECONDS);
  res.writeHead(STATUS[type], headers);
  res.end(JSON.stringify(body));
}
