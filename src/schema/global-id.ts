/**
 * Relay global ids: base64url of `Type:uuid`. Decoding checks the shape, the type name and the
 * uuid, so a malformed or forged id is a BAD_USER_INPUT error and never reaches SQL.
 */
import { badInput } from '../errors.js';
import { isUuid } from '../uuid.js';

export const NODE_TYPES = [
  'Organization',
  'User',
  'Project',
  'Reconciliation',
  'ReconciliationItem',
  'MatchingRule',
  'AuditLog',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: NodeType; id: string } {
  if (!BASE64URL.test(globalId) || globalId.length > 200)
    throw badInput(`Invalid ID "${globalId.slice(0, 60)}"`);
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const typename = text.slice(0, colon) as NodeType;
  const id = text.slice(colon + 1);
  if (colon < 1 || !NODE_TYPES.includes(typename) || !isUuid(id)) {
    throw badInput(`Invalid ID "${globalId.slice(0, 60)}"`);
  }
  return { typename, id };
}

/** Decodes an id that must name one of `types` (e.g. a projectId argument). */
export function decodeIdOf<T extends NodeType>(globalId: string, ...types: T[]): string {
  const { typename, id } = decodeGlobalId(globalId);
  if (!types.includes(typename as T)) {
    throw badInput(`ID "${globalId.slice(0, 60)}" is a ${typename}, expected a ${types.join(' or ')}`);
  }
  return id;
}
