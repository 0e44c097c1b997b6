import { defineEndpoint } from './endpoint';
import { detail, json } from './platform-response';
import { pyDict } from './python-value';

export const healthEndpoints = [
  /** Liveness: answers while the process runs, whatever the database does. */
  defineEndpoint({
    method: 'GET',
    path: '/v1/health',
    handle: () => json(200, pyDict({ status: 'healthy' })),
  }),
  /** Readiness: the not-ready answer is not recorded; its body here is a stand-in's. */
  defineEndpoint({
    method: 'GET',
    path: '/v1/health/ready',
    handle: ({ services }) =>
      services.database.isDown()
        ? detail(503, 'Database is not ready')
        : json(200, pyDict({ status: 'ready' })),
  }),
];
