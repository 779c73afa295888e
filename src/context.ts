/**
 * The per-request context: built once, complete, by createContext (src/app.ts calls it) and never
 * assigned to afterwards; resolvers read it. A plain object with no getters: Yoga spreads the
 * context into its own, which would evaluate them.
 */
import type { Viewer } from './auth/viewer.js';
import type { FailOpenCache } from './cache/fail-open.js';
import type { RateLimiter } from './cache/rate-limit.js';
import type { SessionCache } from './cache/sessions.js';
import type { TagSink } from './cache/tags.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { ReplicaSet } from './db/replicas.js';
import { codedError } from './errors.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  /**
   * Where this request reads and writes: the primary, or for a signed-in query a read replica that
   * has replayed its organization's last write (src/db/replicas.ts).
   */
  readonly db: Db;
  /** The read replicas, told of each write before its invalidation (null: none configured). */
  readonly replicas: ReplicaSet | null;
  readonly config: Config;
  /** Who the request acts for; null when anonymous (no token, or a stale one). */
  readonly viewer: Viewer | null;
  /** Loaders bound to the viewer's organization; anonymous requests get one that refuses. */
  readonly loaders: Loaders;
  /** The response cache (null when caching is off). */
  readonly cache: FailOpenCache | null;
  /** The cache tags of everything this request read. */
  readonly cacheTags: Set<string>;
  readonly tag: TagSink;
  /** The cache's sequence noted before this request read anything (null: do not store). */
  readonly cacheSequence: number | null;
  /** The bearer token of the viewer's session, for sign-out; null when anonymous. */
  readonly bearerToken: string | null;
  /** The request sent a token that names no session: it acts anonymously (sessionCreate works). */
  readonly staleToken: boolean;
  /** Viewer lookups by token (sign-in remembers a new session, sign-out drops one). */
  readonly sessions: SessionCache;
  /** The client's address (rate limits). */
  readonly clientAddress: string;
  readonly rateLimiter: RateLimiter;
}

/** What a context is built from: everything but what it derives (loaders, cache tags). */
export type ContextOptions = Omit<Context, 'loaders' | 'cacheTags' | 'tag'>;

/** Why an anonymous request may not have a field: no token, or one to replace by signing in again. */
export function unauthenticated(ctx: Pick<Context, 'staleToken'>) {
  return ctx.staleToken
    ? codedError('UNAUTHENTICATED', 'The bearer token is invalid or expired: sign in again', {
        http: { status: 401 },
      })
    : codedError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
}

/** The signed-in viewer of a field that needs one; anonymous requests get `unauthenticated`. */
export function requireViewer(ctx: Pick<Context, 'viewer' | 'staleToken'>): Viewer {
  if (!ctx.viewer) throw unauthenticated(ctx);
  return ctx.viewer;
}

const refusingLoaders = (staleToken: boolean) =>
  new Proxy({} as Loaders, {
    get() {
      throw unauthenticated({ staleToken });
    },
  });
const anonymousLoaders = refusingLoaders(false);
const staleTokenLoaders = refusingLoaders(true);

export function createContext(options: ContextOptions): Context {
  const { db, viewer, cache, cacheSequence, staleToken } = options;
  const cacheTags = new Set<string>();
  const tag: TagSink = (t) => cacheTags.add(t);
  return {
    ...options,
    loaders: viewer
      ? createLoaders(db, viewer.organizationId, tag, cache ? { cache, sequence: cacheSequence } : null)
      : staleToken
        ? staleTokenLoaders
        : anonymousLoaders,
    cacheTags,
    tag,
  };
}
