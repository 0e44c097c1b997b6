import crypto from 'node:crypto';

/**
 * The platform signs editors in through its identity server (Keycloak) and checks bearer
 * tokens against that server's key. This stands in for both: it holds the accounts tests add,
 * issues JWT-shaped tokens with `exp`/`iat`/`iss`, and can be unreachable or failing.
 */
export interface StandInUser {
  userId: string;
  email: string;
  password: string;
  username: string;
  name: string;
  roles: string[];
}

export type StandInUserInput = Pick<StandInUser, 'email' | 'password'> &
  Partial<Omit<StandInUser, 'email' | 'password'>>;

/**
 * `up`; `unreachable`: no connection (login answers 500 `Login failed: ...`, every bearer
 * check 500 "JWT public key not available..." as recorded); `failing`: it answers, but with an
 * error (login answers 401 `Failed to get token from Keycloak`).
 */
export type IdentityServerState = 'up' | 'unreachable' | 'failing';

export interface TokenClaims {
  sub: string;
  exp: number;
  iat: number;
  iss: string;
  email: string;
  preferred_username: string;
  name: string;
  realm_access: { roles: string[] };
}

export type LoginOutcome =
  | { kind: 'signed-in'; accessToken: string; expiresIn: number }
  | { kind: 'invalid-credentials' }
  | { kind: 'unreachable' }
  | { kind: 'failing' };

export type TokenCheck =
  | { ok: true; claims: TokenClaims; user: StandInUser | undefined }
  | { ok: false; kind: 'invalid'; reason: string }
  | { ok: false; kind: 'no-public-key' };

export interface IdentityServerOptions {
  now: () => Date;
  /** The `iss` claim: the realm URL of the identity server. */
  issuer: () => string;
  tokenLifetimeSeconds: number;
}

export class IdentityServer {
  private readonly users = new Map<string, StandInUser>();
  private readonly secret = crypto.randomBytes(32);
  private current: IdentityServerState = 'up';

  constructor(private readonly options: IdentityServerOptions) {}

  get state(): IdentityServerState {
    return this.current;
  }

  setState(state: IdentityServerState): void {
    this.current = state;
  }

  addUser(input: StandInUserInput): StandInUser {
    const username = input.username ?? input.email.split('@')[0] ?? input.email;
    const user: StandInUser = {
      email: input.email,
      password: input.password,
      userId: input.userId ?? crypto.randomUUID(),
      username,
      name: input.name ?? username,
      roles: [...(input.roles ?? ['editor'])],
    };
    this.users.set(user.email.toLowerCase(), user);
    return { ...user, roles: [...user.roles] };
  }

  login(email: string, password: string): LoginOutcome {
    if (this.current === 'unreachable') return { kind: 'unreachable' };
    if (this.current === 'failing') return { kind: 'failing' };
    const user = this.users.get(email.toLowerCase());
    if (!user || user.password !== password) return { kind: 'invalid-credentials' };
    return {
      kind: 'signed-in',
      accessToken: this.issueToken(user.email),
      expiresIn: this.options.tokenLifetimeSeconds,
    };
  }

  /** A valid token for a known user without a login request (tests of the signed-in state). */
  issueToken(email: string, lifetimeSeconds = this.options.tokenLifetimeSeconds): string {
    const user = this.users.get(email.toLowerCase());
    if (!user) throw new Error(`No stand-in user ${email}; add it first`);
    const iat = Math.floor(this.options.now().getTime() / 1000);
    const claims: TokenClaims = {
      sub: user.userId,
      exp: iat + lifetimeSeconds,
      iat,
      iss: this.options.issuer(),
      email: user.email,
      preferred_username: user.username,
      name: user.name,
      realm_access: { roles: [...user.roles] },
    };
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'stand-in' }));
    const payload = base64url(JSON.stringify(claims));
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** The platform's bearer check; reasons read like the JWT library's messages. */
  verify(token: string): TokenCheck {
    if (this.current === 'unreachable') return { ok: false, kind: 'no-public-key' };
    const parts = token.split('.');
    if (parts.length !== 3) return invalid('Not enough segments');
    const [header = '', payload = '', signature = ''] = parts;
    if (decodeJson(header) === undefined) return invalid('Invalid header padding');
    const claims = decodeJson(payload) as TokenClaims | undefined;
    if (claims === undefined) return invalid('Invalid payload padding');
    if (!safeEqual(signature, this.sign(`${header}.${payload}`)))
      return invalid('Signature verification failed');
    if (typeof claims.exp !== 'number' || claims.exp <= this.options.now().getTime() / 1000)
      return invalid('Signature has expired');
    return { ok: true, claims, user: this.users.get(String(claims.email).toLowerCase()) };
  }

  private sign(data: string): string {
    return crypto.createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

function invalid(reason: string): TokenCheck {
  return { ok: false, kind: 'invalid', reason };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJson(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
