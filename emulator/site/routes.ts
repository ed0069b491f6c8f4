// Every endpoint the emulated site serves, assembled into one router.
import { adminDirectoryUserRoutes } from './admin-api/directory-user-handlers';
import { adminGroupRoutes } from './admin-api/group-handlers';
import { adminOrgRoutes } from './admin-api/org-handlers';
import { confluenceGroupRoutes } from './confluence/group-handlers';
import { confluenceSpaceRoutes } from './confluence/space-handlers';
import { jiraAdminRoutes } from './jira/admin-handlers';
import { jiraGroupRoutes } from './jira/group-handlers';
import { jiraProjectRoutes } from './jira/project-handlers';
import { jiraUserRoutes } from './jira/user-handlers';
import { Router } from './router';
import { scimMetadataRoutes } from './scim/scim-metadata';
import { scimRoutes } from './scim/scim-handlers';
import { userManagementRoutes } from './user-management/user-management-handlers';

export function createRouter(): Router {
  const router = new Router();
  router.add(
    ...jiraUserRoutes,
    ...jiraGroupRoutes,
    ...jiraAdminRoutes,
    ...jiraProjectRoutes,
    ...confluenceGroupRoutes,
    ...confluenceSpaceRoutes,
    ...adminOrgRoutes,
    ...adminDirectoryUserRoutes,
    ...adminGroupRoutes,
    ...userManagementRoutes,
    ...scimRoutes,
    ...scimMetadataRoutes,
  );
  return router;
}
