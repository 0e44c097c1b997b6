import type { Clock } from '../time/clock';
import {
  healthSchema,
  loginRequestSchema,
  logoutResponseSchema,
  platformUserSchema,
  tokenResponseSchema,
  type LoginRequest,
  type LogoutResponse,
  type PlatformHealth,
  type PlatformUser,
} from './platform-schemas';
import type { CallOptions, PlatformTransport } from './platform-transport';
import { validateRequest } from './validate-request';

/** A successful sign-in; `expiresAt` (ms since the epoch) is on the client's clock. */
export interface PlatformSignIn {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  expiresAt: number;
}

/** The platform's health and the editor's session: who is signed in, and until when. */
export interface PlatformAccountCalls {
  health(options?: CallOptions): Promise<PlatformHealth>;
  /** Ready means the platform's database answers too. */
  readiness(options?: CallOptions): Promise<PlatformHealth>;
  login(credentials: LoginRequest, options?: CallOptions): Promise<PlatformSignIn>;
  me(options?: CallOptions): Promise<PlatformUser>;
  /** The platform keeps no session: the caller forgets the token afterwards. */
  logout(options?: CallOptions): Promise<LogoutResponse>;
}

export function platformAccountCalls(
  transport: PlatformTransport,
  clock: Pick<Clock, 'now'>,
): PlatformAccountCalls {
  const { call } = transport;
  return {
    health: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/health',
          auth: 'none',
          status: 200,
          schema: healthSchema,
          subject: 'health check',
        },
        o,
      ),

    readiness: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/health/ready',
          auth: 'none',
          status: 200,
          schema: healthSchema,
          subject: 'readiness check',
        },
        o,
      ),

    async login(credentials, o) {
      const body = validateRequest(loginRequestSchema, credentials, 'the sign-in');
      const token = await call(
        {
          method: 'POST',
          path: '/v1/auth/login',
          auth: 'password',
          body,
          secrets: [body.password],
          status: 200,
          schema: tokenResponseSchema,
          subject: 'sign-in',
        },
        o,
      );
      transport.registerSecret(token.access_token);
      return {
        accessToken: token.access_token,
        tokenType: token.token_type,
        expiresIn: token.expires_in,
        expiresAt: clock.now() + token.expires_in * 1000,
      };
    },

    me: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/users/me',
          auth: 'bearer',
          status: 200,
          schema: platformUserSchema,
          subject: 'account',
        },
        o,
      ),

    logout: (o) =>
      call(
        {
          method: 'POST',
          path: '/v1/auth/logout',
          auth: 'bearer',
          status: 200,
          schema: logoutResponseSchema,
          subject: 'session',
        },
        o,
      ),
  };
}
