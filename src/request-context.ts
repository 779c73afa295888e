/**
 * What is known about the request a piece of work belongs to, wherever that work runs (a loader's
 * batch, a statement sent by the pool): its id and, once parsed, its GraphQL operation name. Held in
 * an AsyncLocalStorage entered once per request (src/app.ts), so the database layer can name the
 * request a slow statement came from without every call passing it down.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestInfo {
  readonly id: string;
  /** The operation's name once Yoga has parsed the request; null for anonymous or not GraphQL. */
  operationName: string | null;
  /** Statements the request has sent so far (for its slow-request log line). */
  statements: number;
}

export const requestContext = new AsyncLocalStorage<RequestInfo>();

/** The request the current work belongs to, if any (start-up, the probe and scrapes have none). */
export const currentRequest = (): RequestInfo | undefined => requestContext.getStore();

/** A caller's `X-Request-Id` is kept when it is a plain token of at most 128 characters. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it sent a usable one, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && CALLER_ID.test(header) ? header : randomUUID();
}

/** The context a new request runs in: the caller's id (when usable) or a new one. */
export const newRequest = (header: string | null | undefined): RequestInfo => ({
  id: requestIdFrom(header),
  operationName: null,
  statements: 0,
});
