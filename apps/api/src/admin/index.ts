// Account admins' endpoints: account commands and member management on any workspace (mounted on
// the command API), and searches over accounts and workspaces (mounted on the query API).
export { requireAdminToken } from './access';
export {
  type AdminCommandOptions,
  type AdminCommandRoute,
  adminCommandRouteDocs,
  adminCommandRoutes,
  adminWriteScope,
  registerAdminCommands,
} from './commands';
export {
  type AdminQueryOptions,
  adminQueryRouteDocs,
  adminQueryRoutes,
  adminReadScope,
  registerAdminQueries,
} from './queries';
