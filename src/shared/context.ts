// Who is acting and from where: passed from routes into every service call.
import type { Lang } from './errors.ts';

/** The region subtree a user may see and act in. path '/' = the whole system. */
export interface Scope {
  regionId: number | null;
  path: string;
}

export interface Actor {
  userId: number | null;
  name: string;
  roles: string[];
  permissions: ReadonlySet<string>;
  scope: Scope;
  departmentId: number | null;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
  clientIp: string | null;
  lang: Lang;
}

export const WHOLE_SYSTEM: Scope = { regionId: null, path: '/' };

/** The actor for command-line work run by an operator on the server itself. */
export function systemContext(name = 'system', permissions: Iterable<string> = []): RequestContext {
  return {
    actor: { userId: null, name, roles: ['admin'], permissions: new Set(permissions), scope: WHOLE_SYSTEM, departmentId: null },
    requestId: `cli-${process.pid}-${Date.now()}`,
    clientIp: null,
    lang: 'zh-CN',
  };
}
