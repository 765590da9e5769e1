import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The typed API client: paths, parameters and bodies come from docs/openapi.json (npm run generate). */
export const api = createClient<paths>({ baseUrl: '' });
