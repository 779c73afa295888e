/** projectCreate, projectUpdate, projectArchive, projectUnarchive: each one write of src/domain/project.ts. */
import type { ProjectRow } from '../../db/rows.js';
import { createProject, renameProject, setProjectArchived } from '../../domain/project.js';
import { builder } from '../builder.js';
import { mutate, payloadType } from '../mutation.js';
import { ProjectRef } from '../refs.js';

export const ProjectInput = builder.inputType('ProjectInput', {
  description: 'A project to create, or the new values of one.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name (not blank, at most 200 characters).' }),
  }),
});

const projectPayload = (name: string, description: string) =>
  payloadType<{ project: ProjectRow }>(name, description, (t) => ({
    project: t.field({
      type: ProjectRef,
      nullable: true,
      description: 'The project as it is now; null on failure.',
      resolve: (p) => p.project ?? null,
    }),
  }));

const ProjectCreatePayload = projectPayload('ProjectCreatePayload', 'The result of projectCreate.');
const ProjectUpdatePayload = projectPayload('ProjectUpdatePayload', 'The result of projectUpdate.');
const ProjectArchivePayload = projectPayload('ProjectArchivePayload', 'The result of projectArchive.');
const ProjectUnarchivePayload = projectPayload('ProjectUnarchivePayload', 'The result of projectUnarchive.');

builder.mutationFields((t) => ({
  projectCreate: t.field({
    type: ProjectCreatePayload,
    description: 'Creates a project in your organization.',
    authScopes: { member: true },
    args: { input: t.arg({ type: ProjectInput, required: true, description: 'The new project.' }) },
    resolve: (_root, { input }, ctx) => mutate(ctx, 'projectCreate', (w) => createProject(w, input)),
  }),
  projectUpdate: t.field({
    type: ProjectUpdatePayload,
    description: 'Changes a project.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the project to change.' }),
      input: t.arg({ type: ProjectInput, required: true, description: 'Its new values.' }),
    },
    resolve: (_root, { id, input }, ctx) =>
      mutate(ctx, 'projectUpdate', (w) => renameProject(w, String(id), input)),
  }),
  projectArchive: t.field({
    type: ProjectArchivePayload,
    description: 'Archives a project: it then takes no new reconciliations or items.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the project to archive.' }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'projectArchive', (w) => setProjectArchived(w, String(id), true)),
  }),
  projectUnarchive: t.field({
    type: ProjectUnarchivePayload,
    description: 'Makes an archived project active again.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the archived project.' }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'projectUnarchive', (w) => setProjectArchived(w, String(id), false)),
  }),
}));
