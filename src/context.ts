/**
 * The per-request context: the viewer (resolved once from the bearer token), loaders and db.
 * A plain object with no getters: Yoga spreads the context into its own, which would evaluate them.
 */
import type { Viewer } from './auth/sessions.js';
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
}

const anonymousLoaders = new Proxy({} as Loaders, {
  get() {
    throw codedError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
  },
});

export function createContext(db: Db, config: Config, viewer: Viewer | null): Context {
  return {
    db,
    config,
    viewer,
    loaders: viewer ? createLoaders(db, viewer.organizationId) : anonymousLoaders,
  };
}

/** Makes the rest of this request act as `viewer` (after sessionCreate). */
export function actAs(ctx: Context, viewer: Viewer): void {
  ctx.viewer = viewer;
  ctx.loaders = createLoaders(ctx.db, viewer.organizationId);
}
