/**
 * The per-request context: the viewer (resolved once from the bearer token), loaders and db.
 * A plain object with no getters: Yoga spreads the context into its own, which would evaluate them.
 */
import type { Viewer } from './auth/viewer.js';
import type { FailOpenCache } from './cache/fail-open.js';
import type { RateLimiter } from './cache/rate-limit.js';
import type { SessionCache } from './cache/sessions.js';
import type { TagSink } from './cache/tags.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { codedError } from './errors.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Db;
  config: Config;
  viewer: Viewer | null;
  /** Loaders bound to the viewer's organization; anonymous requests get one that refuses. */
  loaders: Loaders;
  /** The response cache (null when caching is off). */
  cache: FailOpenCache | null;
  /** The cache tags of everything this request read. */
  cacheTags: Set<string>;
  tag: TagSink;
  /** The cache's sequence noted before this request read anything (null: do not store). */
  cacheSequence: number | null;
  /** The bearer token of this request, for sign-out. */
  bearerToken?: string | null;
  sessions?: SessionCache;
  /** The client's address (rate limits). */
  clientAddress?: string;
  rateLimiter?: RateLimiter;
  /** The request sent a token that names no session: it acts anonymously (sessionCreate works). */
  staleToken?: boolean;
}

/** Why an anonymous request may not have a field: no token, or one to replace by signing in again. */
export function unauthenticated(ctx: Pick<Context, 'staleToken'>) {
  return ctx.staleToken
    ? codedError('UNAUTHENTICATED', 'The bearer token is invalid or expired: sign in again', {
        http: { status: 401 },
      })
    : codedError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
}

const refusingLoaders = (staleToken: boolean) =>
  new Proxy({} as Loaders, {
    get() {
      throw unauthenticated({ staleToken });
    },
  });
const anonymousLoaders = refusingLoaders(false);
const staleTokenLoaders = refusingLoaders(true);

export function createContext(
  db: Db,
  config: Config,
  viewer: Viewer | null,
  cache: FailOpenCache | null = null,
  cacheSequence: number | null = null,
): Context {
  const cacheTags = new Set<string>();
  const tag: TagSink = (t) => cacheTags.add(t);
  return {
    db,
    config,
    viewer,
    loaders: viewer
      ? createLoaders(db, viewer.organizationId, tag, cache ? { cache, sequence: cacheSequence } : null)
      : anonymousLoaders,
    cache,
    cacheTags,
    tag,
    cacheSequence,
  };
}

/** Marks an anonymous context as sent with a stale token: fields that need a viewer say so. */
export function markStaleToken(ctx: Context): void {
  ctx.staleToken = true;
  if (!ctx.viewer) ctx.loaders = staleTokenLoaders;
}

/** Makes the rest of this request act as `viewer` (after sessionCreate). */
export function actAs(ctx: Context, viewer: Viewer): void {
  ctx.viewer = viewer;
  ctx.loaders = createLoaders(ctx.db, viewer.organizationId, ctx.tag);
}
