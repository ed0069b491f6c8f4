// Pickers for grants: site groups, Jira projects and a project's roles.
import { z } from 'zod';
import { returns, type ContractSection } from './endpoint';
import { opaqueId } from './fields';

export const catalogueGroupsSchema = z.strictObject({
  /** Substring of the group name; empty lists all. */
  query: z.string().max(255).optional(),
  /** Look up these groups by id instead (to show names of stored ids). */
  ids: z.array(opaqueId).max(50).optional(),
  startAt: z.number().int().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type CatalogueGroupsPayload = z.infer<typeof catalogueGroupsSchema>;
export interface GroupOption {
  groupId: string;
  name: string;
}
export interface CatalogueGroupsView {
  groups: GroupOption[];
  total: number | null;
}

export const catalogueProjectsSchema = z.strictObject({
  query: z.string().max(255).optional(),
  startAt: z.number().int().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type CatalogueProjectsPayload = z.infer<typeof catalogueProjectsSchema>;
export interface ProjectOption {
  id: string;
  key: string;
  name: string;
}
export interface CatalogueProjectsView {
  projects: ProjectOption[];
  total: number;
  isLast: boolean;
}

export const catalogueProjectRolesSchema = z.strictObject({ projectId: opaqueId });
export type CatalogueProjectRolesPayload = z.infer<typeof catalogueProjectRolesSchema>;
export interface RoleOption {
  id: string;
  name: string;
}
export interface CatalogueProjectRolesView {
  project: ProjectOption;
  roles: RoleOption[];
}

export const CATALOGUE_CONTRACT = {
  'catalogue.groups': { payload: catalogueGroupsSchema, response: returns<CatalogueGroupsView>() },
  'catalogue.projects': { payload: catalogueProjectsSchema, response: returns<CatalogueProjectsView>() },
  'catalogue.projectRoles': {
    payload: catalogueProjectRolesSchema,
    response: returns<CatalogueProjectRolesView>(),
  },
} satisfies ContractSection;
