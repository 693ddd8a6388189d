// Runs the rx-lambda CLI from source (under tsx), as bin/rx-lambda.js runs it from dist.
import { main } from '../../../src/cli/main.js';

await main(process.argv.slice(2));
