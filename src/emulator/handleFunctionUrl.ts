import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionPool } from './FunctionPool.js';

export async function handleFunctionUrl(_req: IncomingMessage, res: ServerResponse, _pool: FunctionPool, _rawPath: string): Promise<void> {
  res.writeHead(501);
  res.end();
}
