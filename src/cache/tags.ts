/**
 * Cache tags: what a cached response depends on, named after the database guide's key
 * conventions. Reads record them (src/loaders), mutations invalidate them (invalidation.ts).
 * A tag names a scope of rows, so a list cached while empty is still covered by it.
 */
export const tags = {
  /** The organization row itself. */
  organization: (org: string) => `org:${org}`,
  /** Users of an organization (rows, lists). */
  users: (org: string) => `user:list:org:${org}`,
  /** Projects of an organization (rows, lists, filters). */
  projects: (org: string) => `project:list:org:${org}`,
  /** Reconciliations of an organization: root lists and organization-wide status counts. */
  reconciliations: (org: string) => `recon:list:org:${org}`,
  /** Reconciliations of one project: its rows, nested lists and status counts. */
  projectReconciliations: (project: string) => `recon:list:project:${project}`,
  /** Items of one reconciliation: rows, lists and totals. */
  items: (reconciliation: string) => `item:list:recon:${reconciliation}`,
  /** Matching rules of one project. */
  rules: (project: string) => `config:rules:${project}`,
  settings: (org: string) => `config:settings:${org}`,
  auditLogs: (org: string) => `audit:list:org:${org}`,
};

/** Where reads record their tags: one per request. */
export type TagSink = (tag: string) => void;
export const noTags: TagSink = () => {};
