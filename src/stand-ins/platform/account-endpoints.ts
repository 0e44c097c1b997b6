import { defineEndpoint } from './endpoint';
import { detail, json } from './platform-response';
import { pyDict } from './python-value';
import { LoginRequest } from './request-models';

export const accountEndpoints = [
  /**
   * The platform asks its identity server first and records the user in its own database
   * after, so wrong credentials are a 401 even while the database is down. The 503 body is
   * not recorded; its wording here is a stand-in's.
   */
  defineEndpoint({
    method: 'POST',
    path: '/v1/auth/login',
    body: LoginRequest,
    handle: ({ body, services }) => {
      const outcome = services.identity.login(body.email, body.password);
      switch (outcome.kind) {
        case 'unreachable':
          return detail(500, 'Login failed: All connection attempts failed');
        case 'failing':
          return detail(401, 'Failed to get token from Keycloak');
        case 'invalid-credentials':
          return detail(401, 'Invalid email or password');
        case 'signed-in':
          if (services.database.isDown()) return detail(503, 'Database is unavailable');
          return json(
            200,
            pyDict({
              access_token: outcome.accessToken,
              token_type: 'bearer',
              expires_in: outcome.expiresIn,
            }),
          );
      }
    },
  }),

  defineEndpoint({
    method: 'POST',
    path: '/v1/auth/logout',
    security: 'bearer',
    // The platform keeps no session: the token stays valid until it expires.
    handle: () =>
      json(
        200,
        pyDict({ message: 'Logged out successfully. Please delete the token on client side.' }),
      ),
  }),

  defineEndpoint({
    method: 'GET',
    path: '/v1/users/me',
    security: 'bearer',
    handle: ({ signedIn }) => {
      if (!signedIn) return detail(403, 'Not authenticated');
      const { claims, user } = signedIn;
      return json(
        200,
        pyDict({
          user_id: claims.sub,
          username: claims.preferred_username,
          email: claims.email,
          name: user?.name ?? claims.name,
          roles: [...claims.realm_access.roles],
          token_info: pyDict({ exp: claims.exp, iat: claims.iat, iss: claims.iss }),
        }),
      );
    },
  }),
];
