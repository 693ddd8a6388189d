// The Hono app of honoApp.ts under AWS's managed Node runtime (nodejs24.x): the same
// fetchHandler() wrapped in streamifyHandler(), run by the emulator under aws-lambda-ric.
// Streaming routes stream, and the bodiless redirect ends at once there too.
import { fetchHandler } from 'rx-lambda';
import { streamifyHandler } from 'rx-lambda/runtime';
import { app } from './honoApp.ts';

export const handler = streamifyHandler(fetchHandler(app.fetch));
