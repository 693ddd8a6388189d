// A handler under AWS's managed Node runtime (nodejs24.x): streamifyHandler() wraps the
// same Observable handler for awslambda.streamifyResponse, so it streams there too. The
// emulator runs it with runtime "nodejs", i.e. under aws-lambda-ric, AWS's runtime client.
// (Plain JavaScript: the managed runtime loads .js/.mjs/.cjs, not TypeScript.)
import { concat, concatMap, delay, of, from } from 'rxjs';
import { head } from 'rx-lambda';
import { streamifyHandler } from 'rx-lambda/runtime';

const WORDS = ['served ', 'by ', 'aws-lambda-ric ', 'through ', 'streamifyHandler\n'];

export const handler = streamifyHandler((event, context) =>
  concat(
    of(head({ statusCode: 200, headers: { 'content-type': 'text/plain', 'x-runtime': process.env.AWS_EXECUTION_ENV ?? 'aws-lambda-ric' } })),
    of(`hello ${event?.name ?? 'world'} from ${context.functionName}: `),
    from(WORDS).pipe(concatMap((word, i) => of(word).pipe(delay(i === 0 ? 0 : 30)))),
  ),
);
