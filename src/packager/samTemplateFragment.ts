import type { PackageTarget } from './PackageTarget.js';

/** Defaults the fragment writes; change them in the template. Our choice (Lambda's own defaults are 3 s and 128 MB). */
const FRAGMENT_TIMEOUT_SECONDS = 30;
const FRAGMENT_MEMORY_MB = 512;

/** What the SAM template fragment describes. */
export interface SamFragmentInput {
  readonly target: PackageTarget;
  /** Logical id of the function resource. */
  readonly logicalId: string;
  /** The zip, relative to where the template will be. */
  readonly codeUri: string;
  /** The function's `Handler` setting. */
  readonly handlerSetting: string;
  /** The Node layer zip (`--layer`), relative to where the template will be. */
  readonly layerUri?: string;
}

/**
 * A SAM template fragment (YAML) for a packaged function: a function resource with its
 * zip, handler, runtime, architecture and a Function URL in the invoke mode, plus a Node
 * layer resource when the custom runtime takes Node from a layer. Strings are written as
 * JSON strings, which YAML reads as they are.
 *
 * @example
 * ```ts
 * samTemplateFragment({ target: { runtime: 'nodejs24.x', arch: 'arm64', invokeMode: 'RESPONSE_STREAM' },
 *   logicalId: 'ApiFunction', codeUri: 'build/nodejs24.x.zip', handlerSetting: 'index.handler' });
 * ```
 */
export function samTemplateFragment(input: SamFragmentInput): string {
  const { target } = input;
  const layerId = `${input.logicalId}NodeLayer`;
  const lines = [
    '# SAM template fragment: put these under Resources: of a template with',
    '# Transform: AWS::Serverless-2016-10-31, in the folder this command ran in (CodeUri is relative to it).',
    'Resources:',
    `  ${input.logicalId}:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    `      CodeUri: ${JSON.stringify(input.codeUri)}`,
    `      Handler: ${JSON.stringify(input.handlerSetting)}`,
    `      Runtime: ${target.runtime}`,
    `      Architectures: [${target.arch}]`,
    `      Timeout: ${FRAGMENT_TIMEOUT_SECONDS}`,
    `      MemorySize: ${FRAGMENT_MEMORY_MB}`,
  ];
  if (input.layerUri !== undefined) lines.push('      Layers:', `        - Ref: ${layerId}`);
  lines.push('      FunctionUrlConfig:', '        AuthType: AWS_IAM', `        InvokeMode: ${target.invokeMode}`);
  if (input.layerUri !== undefined) {
    lines.push(
      `  ${layerId}:`,
      '    Type: AWS::Serverless::LayerVersion',
      '    Properties:',
      `      ContentUri: ${JSON.stringify(input.layerUri)}`,
      `      CompatibleRuntimes: [${target.runtime}]`,
      `      CompatibleArchitectures: [${target.arch}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
