// Request schemas of the accounts routes.
import { Type } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';
import { ROLES } from './permissions.ts';

const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Password = Type.String({ minLength: 1, maxLength: 128 });
const Mobile = Type.String({ maxLength: 20 });

export const LoginBody = Obj({ login: Type.String({ minLength: 1, maxLength: 64 }), password: Password });
export const PasswordBody = Obj({ oldPassword: Password, newPassword: Password });
export const UsersQuery = Obj({ q: Type.Optional(Type.String({ maxLength: 64 })), ...Paging });
export const CreateUserBody = Obj({
  username: Type.String({ minLength: 3, maxLength: 32 }),
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  mobile: Type.Optional(Type.Union([Mobile, Type.Null()])),
  password: Password,
  roles: Type.Array(Role, { minItems: 1, maxItems: 11 }),
  scopeRegionId: Type.Union([Id, Type.Null()]),
  departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
  // The service always supported it and the users page shows it; without it here a manager could
  // not hand out an initial password the owner must replace at first login.
  mustChangePassword: Type.Optional(Type.Boolean()),
});
export const UpdateUserBody = Obj({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  mobile: Type.Optional(Type.Union([Mobile, Type.Null()])),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 11 })),
  scopeRegionId: Type.Optional(Type.Union([Id, Type.Null()])),
  departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
});
export const ResetPasswordBody = Obj({ password: Password });
export const TokenBody = Obj({ name: Type.String({ minLength: 1, maxLength: 64 }) });
export const DepartmentBody = Obj({ code: Type.String({ minLength: 2, maxLength: 32 }), name: Type.String({ minLength: 1, maxLength: 64 }), serviceAreaId: Id });
export const UpdateDepartmentBody = Obj({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), serviceAreaId: Type.Optional(Id) });
