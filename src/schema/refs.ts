/**
 * Object refs of every domain type, declared before any module adds fields, so modules can refer
 * to each other (a Project lists Reconciliations, a Reconciliation names its Project) without
 * import cycles.
 */

import { brandWithType } from '@pothos/core';
import type { Context } from '../context.js';
import type {
  AuditLogRow,
  MatchingRuleRow,
  OrganizationRow,
  ProjectRow,
  ReconciliationItemRow,
  ReconciliationRow,
  ReconciliationStatus,
  Role,
  StatusCount,
  UserRow,
} from '../db/rows.js';
import { USER_ERROR_CODES, type UserError, type UserErrorCode } from '../domain/errors.js';
import type { EntityType } from '../loaders/batch.js';
import { builder } from './builder.js';

export const OrganizationRef = builder.objectRef<OrganizationRow>('Organization');
export const UserRef = builder.objectRef<UserRow>('User');
export const ProjectRef = builder.objectRef<ProjectRow>('Project');
export const ReconciliationRef = builder.objectRef<ReconciliationRow>('Reconciliation');
export const ReconciliationItemRef = builder.objectRef<ReconciliationItemRow>('ReconciliationItem');
export const MatchingRuleRef = builder.objectRef<MatchingRuleRow>('MatchingRule');
export const AuditLogRef = builder.objectRef<AuditLogRow>('AuditLog');
export const StatusCountRef = builder.objectRef<StatusCount>('StatusCount');

/**
 * `loadMany` of a node type: its rows by id, each branded with its type as soon as it loads.
 * Pothos brands a batch's rows only once the whole batch resolves, but hands the pending row to
 * a second `node`/`nodes` field asking for the same id in the request; graphql-js could resolve
 * that field's Node type on the row before the brand was set (the list then answered null with
 * "Abstract type Node must resolve to an Object type").
 */
export const loadNodes =
  <T extends EntityType>(type: T) =>
  (ids: string[], ctx: Context) =>
    Promise.all(
      ids.map(async (id) => {
        const row = await ctx.loaders.entity(type, id);
        brandWithType(row, type as never); // the object type named like the entity
        return row;
      }),
    );

/** The GraphQL values of a pgEnum: one per stored value, in SCREAMING_SNAKE (a missing, extra or misspelt one is a type error). */
type ValuesOf<Stored extends string> = { [V in Stored as Uppercase<V>]: { value: V; description: string } };

export const RoleEnum = builder.enumType('Role', {
  description: 'What a user may do in its organization.',
  values: {
    ADMIN: { value: 'admin', description: 'Everything a member may, plus audit logs and settings.' },
    MEMBER: { value: 'member', description: 'Reads, and writes projects, reconciliations, items and rules.' },
    VIEWER: { value: 'viewer', description: 'Reads only.' },
  } as const satisfies ValuesOf<Role>,
});

export const ReconciliationStatusEnum = builder.enumType('ReconciliationStatus', {
  description: 'Where a reconciliation stands after matching.',
  values: {
    PENDING: { value: 'pending', description: 'Not matched yet (or has no items).' },
    MATCHED: {
      value: 'matched',
      description: 'A rule found items summing to the amount within its tolerance.',
    },
    PARTIALLY_MATCHED: {
      value: 'partially_matched',
      description: 'Some items are admitted, but none sum to the amount.',
    },
    UNMATCHED: { value: 'unmatched', description: 'No rule admits any of its items.' },
  } as const satisfies ValuesOf<ReconciliationStatus>,
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { value: 'ASC', description: 'Smallest or oldest first.' },
    DESC: { value: 'DESC', description: 'Largest or newest first.' },
  } as const,
});

// Every code of a user error, one value per code of the domain's table (src/domain/errors.ts).
export const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
  description: 'What went wrong in a user error, for a program; the message says it for a person.',
  values: Object.fromEntries(
    Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { value: code, description }]),
  ) as { [C in UserErrorCode]: { value: C; description: string } },
});

// The GraphQL face of the domain's one UserError (src/domain/errors.ts).
export const UserErrorRef = builder.objectRef<UserError>('UserError');
builder.objectType(UserErrorRef, {
  description: 'An expected failure of a mutation: the request changed nothing.',
  // Other subgraphs' mutations have user errors too: shareable, so the type composes.
  shareable: true,
  fields: (t) => ({
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the argument at fault, e.g. ["input", "amount"].',
    }),
    message: t.exposeString('message', { description: 'What went wrong, for a person.' }),
    code: t.expose('code', { type: UserErrorCodeEnum, description: 'What went wrong, for a program.' }),
  }),
});

/** The connection types the contract names, shared by root and nested lists. */
export const ProjectConnection = builder.connectionObject(
  { type: ProjectRef, name: 'ProjectConnection', description: 'A page of projects.' },
  { name: 'ProjectEdge', description: 'A project in a page.' },
);
export const ReconciliationConnection = builder.connectionObject(
  { type: ReconciliationRef, name: 'ReconciliationConnection', description: 'A page of reconciliations.' },
  { name: 'ReconciliationEdge', description: 'A reconciliation in a page.' },
);
export const ReconciliationItemConnection = builder.connectionObject(
  { type: ReconciliationItemRef, name: 'ReconciliationItemConnection', description: 'A page of items.' },
  { name: 'ReconciliationItemEdge', description: 'An item in a page.' },
);
export const UserConnection = builder.connectionObject(
  { type: UserRef, name: 'UserConnection', description: 'A page of users.' },
  { name: 'UserEdge', description: 'A user in a page.' },
);
export const AuditLogConnection = builder.connectionObject(
  { type: AuditLogRef, name: 'AuditLogConnection', description: 'A page of audit log entries.' },
  { name: 'AuditLogEdge', description: 'An audit log entry in a page.' },
);

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds (counted only when selected).',
    resolve: (connection) => connection.totalCount(),
  }),
);
