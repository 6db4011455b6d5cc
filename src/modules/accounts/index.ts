// Accounts: users with roles and a scope, departments, login sessions, API tokens and lockout.
export * from './permissions.ts';
export { login, logout, authenticate, actorOf, changePassword, createToken, listTokens, revokeToken, mustChange, isProduction } from './auth.service.ts';
export { listUsers, getUser, createUser, createUserUnchecked, updateUser, resetPassword, unlockUser, presentUser, countUsers } from './users.service.ts';
export { listDepartments, createDepartment, updateDepartment, type DepartmentView } from './departments.service.ts';
export type { UserView } from './accounts.presenter.ts';
export type { UserWithScope } from './accounts.repository.ts';
export { unscopedNames as userNames, unscopedRecipients as recipientUserIds } from './accounts.repository.ts';
