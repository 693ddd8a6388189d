import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate } from '../../../src/emulator/config/loadTemplate.js';

describe('loadTemplate', () => {
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rx-lambda-template-'));
  });

  after(() => rm(folder, { recursive: true, force: true }));

  async function load(yaml: string, parameterOverrides?: Record<string, string>) {
    const file = join(folder, `t${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, yaml);
    return loadTemplate(file, parameterOverrides ? { parameterOverrides } : {});
  }

  it('reads AWS::Lambda::Function with its AWS::Lambda::Url, resolving !Ref, !Sub, !Join and !GetAtt of parameters', async () => {
    const { functions, warnings } = await load(`
Parameters:
  Stage: { Type: String, Default: dev }
  Table: { Type: String }
Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: src/index.handler
      Code: app/
      Timeout: 20
      MemorySize: 1024
      Role: arn:aws:iam::000000000000:role/x
      Environment:
        Variables:
          STAGE: !Ref Stage
          TABLE: !Sub '\${Table}-\${Stage}-\${AWS::Region}'
          JOINED: !Join ['/', [a, !Ref Stage]]
          SELF: !GetAtt Api.Arn
  ApiUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Api.Arn
      AuthType: NONE
      InvokeMode: RESPONSE_STREAM
`, { Table: 'orders', Stage: 'prod' });
    assert.deepEqual(warnings, []);
    assert.deepEqual(functions, [
      {
        name: 'Api',
        taskRoot: 'app/',
        runtime: 'nodejs',
        handler: 'src/index.handler',
        timeoutSeconds: 20,
        memoryMB: 1024,
        environment: { STAGE: 'prod', TABLE: 'orders-prod-us-east-1', JOINED: 'a/prod', SELF: 'arn:aws:lambda:us-east-1:000000000000:function:Api' },
        invokeMode: 'RESPONSE_STREAM',
      },
    ]);
  });

  it('merges Globals.Function under each function, its environment variables key by key', async () => {
    const { functions } = await load(`
Globals:
  Function:
    Timeout: 9
    Runtime: nodejs24.x
    Environment: { Variables: { A: global, B: global } }
Resources:
  One:
    Type: AWS::Serverless::Function
    Properties:
      Handler: one.handler
      Environment: { Variables: { B: own } }
  Two:
    Type: AWS::Serverless::Function
    Properties:
      Handler: two.handler
      Timeout: 30
`);
    assert.deepEqual(functions.map((fn) => [fn.name, fn.timeoutSeconds, fn.environment]), [
      ['One', 9, { A: 'global', B: 'own' }],
      ['Two', 30, { A: 'global', B: 'global' }],
    ]);
  });

  it('turns HttpApi and Api events into routes and esbuild Metadata into a build', async () => {
    const { functions } = await load(`
Resources:
  Web:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { EntryPoints: [src/web.ts], Minify: true }
    Properties:
      Runtime: nodejs24.x
      Handler: web.handler
      Events:
        Any: { Type: HttpApi }
        Get: { Type: HttpApi, Properties: { Path: '/users/{id}', Method: get } }
        Rest: { Type: Api, Properties: { Path: '/{proxy+}', Method: any } }
`);
    assert.deepEqual(functions[0]!.build, { entry: 'src/web.ts' });
    assert.deepEqual(functions[0]!.routes, [
      { api: 'http', path: '/$default', method: 'ANY' },
      { api: 'http', path: '/users/{id}', method: 'GET' },
      { api: 'rest', path: '/{proxy+}', method: 'ANY', responseTransferMode: 'BUFFERED' },
    ]);
  });

  it('warns about unknown properties, unknown parameters, unsupported intrinsics and code it cannot run', async () => {
    const { functions, warnings } = await load(`
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Good:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      Handler: bootstrap
      CodeUri: bin/
      Colour: blue
      Environment: { Variables: { X: !If [IsProd, a, b] } }
  Zipped:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs24.x, Handler: a.handler, CodeUri: build/app.zip }
  Image:
    Type: AWS::Serverless::Function
    Properties: { PackageType: Image, ImageUri: x }
`, { Nope: '1' });
    assert.deepEqual(functions.map((fn) => [fn.name, fn.runtime, fn.handler, fn.environment]), [['Good', 'provided', 'bootstrap', {}]]);
    const text = warnings.join('\n');
    assert.match(text, /--parameter-overrides Nope: the template declares no such parameter/);
    assert.match(text, /Good \(AWS::Serverless::Function\): property Colour is not supported/);
    assert.match(text, /Good .*Fn::If is not supported locally/);
    assert.match(text, /Zipped .*build\/app\.zip is an archive/);
    assert.match(text, /Image .*container image functions are not supported/);
  });

  it('refuses a template without a function it can run, saying why', async () => {
    await assert.rejects(
      load('Resources:\n  Py:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: python3.13, Handler: a.b }\n'),
      (error: Error) => error.name === 'EmulatorConfigError' && /python3\.13/.test(error.message),
    );
  });

  it('names the property and the value it cannot read as a number', async () => {
    await assert.rejects(
      load('Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs24.x, Handler: a.b, MemorySize: lots }\n'),
      (error: Error) => error.name === 'EmulatorConfigError' && /"A": MemorySize must be a number, got "lots"/.test(error.message),
    );
  });
});
