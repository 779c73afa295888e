/**
 * The entities the API reads, one spec a table: the row types are `Pick`s of the drizzle tables'
 * select types and the enums' unions come from the pgEnums, so nothing here repeats schema.ts.
 */
import { defineEntity, type RowOf } from './entity.js';
import {
  auditLogs,
  matchingRules,
  organizations,
  projects,
  reconciliationItems,
  reconciliationStatusEnum,
  reconciliations,
  roleEnum,
  users,
} from './schema.js';

export type Role = (typeof roleEnum.enumValues)[number];
export type ReconciliationStatus = (typeof reconciliationStatusEnum.enumValues)[number];
/** Every status, in the enum's order (status counts list them all, zeros included). */
export const RECONCILIATION_STATUSES: readonly ReconciliationStatus[] = reconciliationStatusEnum.enumValues;
export const ROLES: readonly Role[] = roleEnum.enumValues;
/** How many reconciliations are in one status (of a project or of the organization). */
export interface StatusCount {
  status: ReconciliationStatus;
  count: number;
}

export const organizationEntity = defineEntity('Organization', organizations, ['id', 'name', 'createdAt']);
export type OrganizationRow = RowOf<typeof organizationEntity>;

// Never the password hash.
export const userEntity = defineEntity('User', users, [
  'id',
  'organizationId',
  'email',
  'name',
  'role',
  'createdAt',
]);
export type UserRow = RowOf<typeof userEntity>;

export const projectEntity = defineEntity('Project', projects, [
  'id',
  'organizationId',
  'name',
  'archived',
  'createdAt',
  'updatedAt',
]);
export type ProjectRow = RowOf<typeof projectEntity>;

export const reconciliationEntity = defineEntity('Reconciliation', reconciliations, [
  'id',
  'organizationId',
  'projectId',
  'reference',
  'amount',
  'currency',
  'status',
  'metadata',
  'createdAt',
  'updatedAt',
]);
export type ReconciliationRow = RowOf<typeof reconciliationEntity>;

export const reconciliationItemEntity = defineEntity('ReconciliationItem', reconciliationItems, [
  'id',
  'organizationId',
  'reconciliationId',
  'description',
  'amount',
  'bookedAt',
  'createdAt',
]);
export type ReconciliationItemRow = RowOf<typeof reconciliationItemEntity>;

export const matchingRuleEntity = defineEntity('MatchingRule', matchingRules, [
  'id',
  'organizationId',
  'projectId',
  'name',
  'tolerance',
  'dateWindowDays',
  'matchReference',
  'priority',
  'enabled',
  'createdAt',
  'updatedAt',
]);
export type MatchingRuleRow = RowOf<typeof matchingRuleEntity>;

export const auditLogEntity = defineEntity('AuditLog', auditLogs, [
  'id',
  'organizationId',
  'userId',
  'action',
  'entityType',
  'entityId',
  'details',
  'createdAt',
]);
export type AuditLogRow = RowOf<typeof auditLogEntity>;

export const ENTITIES = {
  Organization: organizationEntity,
  User: userEntity,
  Project: projectEntity,
  Reconciliation: reconciliationEntity,
  ReconciliationItem: reconciliationItemEntity,
  MatchingRule: matchingRuleEntity,
  AuditLog: auditLogEntity,
} as const;

export type EntityType = keyof typeof ENTITIES;
export type RowByType = { [T in EntityType]: RowOf<(typeof ENTITIES)[T]> };
