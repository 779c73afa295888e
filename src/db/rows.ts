/** The entities the API reads, one spec a table (see entity.ts). */
import { defineEntity } from './entity.js';

export type Role = 'admin' | 'member' | 'viewer';
export type ReconciliationStatus = 'pending' | 'matched' | 'partially_matched' | 'unmatched';

export interface OrganizationRow {
  id: string;
  name: string;
  createdAt: string;
}
export const organizationEntity = defineEntity<OrganizationRow>({
  typename: 'Organization',
  table: 'organizations',
  columns: { id: 'x.id', name: 'x.name', createdAt: 'x.created_at' },
  timestamps: ['createdAt'],
});

export interface UserRow {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}
export const userEntity = defineEntity<UserRow>({
  typename: 'User',
  table: 'users',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    email: 'x.email',
    name: 'x.name',
    role: 'x.role',
    createdAt: 'x.created_at',
  },
  timestamps: ['createdAt'],
});

export interface ProjectRow {
  id: string;
  organizationId: string;
  name: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}
export const projectEntity = defineEntity<ProjectRow>({
  typename: 'Project',
  table: 'projects',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    name: 'x.name',
    archived: 'x.archived',
    createdAt: 'x.created_at',
    updatedAt: 'x.updated_at',
  },
  timestamps: ['createdAt', 'updatedAt'],
});

export interface ReconciliationRow {
  id: string;
  organizationId: string;
  projectId: string;
  reference: string;
  amount: string;
  currency: string;
  status: ReconciliationStatus;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export const reconciliationEntity = defineEntity<ReconciliationRow>({
  typename: 'Reconciliation',
  table: 'reconciliations',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    projectId: 'x.project_id',
    reference: 'x.reference',
    amount: 'x.amount::text',
    currency: 'x.currency',
    status: 'x.status',
    metadata: 'x.metadata',
    createdAt: 'x.created_at',
    updatedAt: 'x.updated_at',
  },
  timestamps: ['createdAt', 'updatedAt'],
});

export interface ReconciliationItemRow {
  id: string;
  organizationId: string;
  reconciliationId: string;
  description: string;
  amount: string;
  bookedAt: string;
  createdAt: string;
}
export const reconciliationItemEntity = defineEntity<ReconciliationItemRow>({
  typename: 'ReconciliationItem',
  table: 'reconciliation_items',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    reconciliationId: 'x.reconciliation_id',
    description: 'x.description',
    amount: 'x.amount::text',
    bookedAt: 'x.booked_at',
    createdAt: 'x.created_at',
  },
  timestamps: ['bookedAt', 'createdAt'],
});

export interface MatchingRuleRow {
  id: string;
  organizationId: string;
  projectId: string;
  name: string;
  tolerance: string;
  dateWindowDays: number;
  matchReference: boolean;
  priority: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export const matchingRuleEntity = defineEntity<MatchingRuleRow>({
  typename: 'MatchingRule',
  table: 'matching_rules',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    projectId: 'x.project_id',
    name: 'x.name',
    tolerance: 'x.tolerance::text',
    dateWindowDays: 'x.date_window_days',
    matchReference: 'x.match_reference',
    priority: 'x.priority',
    enabled: 'x.enabled',
    createdAt: 'x.created_at',
    updatedAt: 'x.updated_at',
  },
  timestamps: ['createdAt', 'updatedAt'],
});

export interface AuditLogRow {
  id: string;
  organizationId: string;
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}
export const auditLogEntity = defineEntity<AuditLogRow>({
  typename: 'AuditLog',
  table: 'audit_logs',
  columns: {
    id: 'x.id',
    organizationId: 'x.organization_id',
    userId: 'x.user_id',
    action: 'x.action',
    entityType: 'x.entity_type',
    entityId: 'x.entity_id',
    details: 'x.details',
    createdAt: 'x.created_at',
  },
  timestamps: ['createdAt'],
});

export const ENTITIES = {
  Organization: organizationEntity,
  User: userEntity,
  Project: projectEntity,
  Reconciliation: reconciliationEntity,
  ReconciliationItem: reconciliationItemEntity,
  MatchingRule: matchingRuleEntity,
  AuditLog: auditLogEntity,
} as const;

export interface RowByType {
  Organization: OrganizationRow;
  User: UserRow;
  Project: ProjectRow;
  Reconciliation: ReconciliationRow;
  ReconciliationItem: ReconciliationItemRow;
  MatchingRule: MatchingRuleRow;
  AuditLog: AuditLogRow;
}
