/**
 * Who a request acts for: the user of its session, resolved from the bearer token
 * (src/auth/sessions.ts). A type only, so the domain layer can take a viewer without importing
 * the SQL that finds one.
 */
import type { Role } from '../db/rows.js';

export interface Viewer {
  userId: string;
  organizationId: string;
  role: Role;
  sessionId: string;
}
