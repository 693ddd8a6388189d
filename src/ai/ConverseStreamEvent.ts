/**
 * The parts of a Bedrock `ConverseStream` event that `fromConverseStream()` reads: a
 * structural subset of `ConverseStreamOutput` from `@aws-sdk/client-bedrock-runtime`, so
 * the SDK's events fit without the SDK being a dependency.
 */
export interface ConverseStreamEvent {
  readonly contentBlockStart?: {
    readonly contentBlockIndex?: number | undefined;
    readonly start?: { readonly toolUse?: { readonly toolUseId?: string | undefined; readonly name?: string | undefined } | undefined } | undefined;
  } | undefined;
  readonly contentBlockDelta?: {
    readonly contentBlockIndex?: number | undefined;
    readonly delta?: {
      readonly text?: string | undefined;
      readonly toolUse?: { readonly input?: string | undefined } | undefined;
      readonly reasoningContent?: { readonly text?: string | undefined } | undefined;
    } | undefined;
  } | undefined;
  readonly contentBlockStop?: { readonly contentBlockIndex?: number | undefined } | undefined;
  readonly messageStop?: { readonly stopReason?: string | undefined } | undefined;
  readonly internalServerException?: { readonly message?: string | undefined } | undefined;
  readonly modelStreamErrorException?: { readonly message?: string | undefined } | undefined;
  readonly serviceUnavailableException?: { readonly message?: string | undefined } | undefined;
  readonly throttlingException?: { readonly message?: string | undefined } | undefined;
  readonly validationException?: { readonly message?: string | undefined } | undefined;
}
