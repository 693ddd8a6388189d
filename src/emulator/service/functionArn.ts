/** The region the emulator reports (`AWS_REGION`, ARNs, Function URL domains). */
export const EMULATOR_REGION = 'us-east-1';
/** The account id in the emulator's ARNs. */
export const EMULATOR_ACCOUNT_ID = '000000000000';

/**
 * The ARN of a function served by the emulator, as `Lambda-Runtime-Invoked-Function-Arn`
 * carries it.
 *
 * @example
 * ```ts
 * functionArn('hello'); // 'arn:aws:lambda:us-east-1:000000000000:function:hello'
 * ```
 */
export function functionArn(name: string, qualifier?: string): string {
  const arn = `arn:aws:lambda:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_ID}:function:${name}`;
  return qualifier ? `${arn}:${qualifier}` : arn;
}
