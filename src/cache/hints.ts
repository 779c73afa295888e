/**
 * What a response tells any cache about itself: browsers, CDNs and the gateway composing this API
 * as a subgraph (README, "Behind a gateway"). Every answer depends on its caller (`Vary:
 * Authorization`); one for a signed-in caller is that caller's alone (`private`) and is stored
 * nowhere but this API's own per-viewer cache, which a write invalidates at once: a client
 * revalidates it (`no-cache`, with its ETag), and `max-age=0` says the same to a gateway's response
 * cache (Hive Gateway reads only `max-age`/`s-maxage` of a subgraph's `Cache-Control`, not
 * `private`: without it a gateway caching without a session would serve one viewer's answer to
 * another). Set whether or not the response cache is on; the HTTP edge sends the same headers.
 *
 * An anonymous answer is stored nowhere either (`no-store`: a sign-in's carries a token), and says
 * `max-age=0` for the same gateway: stored there under no session, it was served to signed-in
 * callers asking the same query (`viewer: null`) without their request reaching this API. An
 * answer that already says how to cache it (GraphiQL's page, the probes' refusals) keeps its own.
 */
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** `Cache-Control` of an answer to a signed-in caller. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache, max-age=0';

/** `Cache-Control` of an answer to an anonymous caller that sets none of its own. */
export const ANONYMOUS_CACHE_CONTROL = 'no-store, max-age=0';

/** The headers of an answer to a signed-in caller. */
export const PRIVATE_HEADERS = { vary: 'Authorization', 'cache-control': PRIVATE_CACHE_CONTROL } as const;

export function useCacheHints(): Plugin<Context> {
  return {
    onResponse: ({ request, response }) => {
      // Answers differ by caller: no shared cache may reuse one for another Authorization.
      response.headers.append('Vary', 'Authorization');
      if (request.headers.has('authorization')) response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
      else if (!response.headers.has('Cache-Control'))
        response.headers.set('Cache-Control', ANONYMOUS_CACHE_CONTROL);
    },
  };
}
