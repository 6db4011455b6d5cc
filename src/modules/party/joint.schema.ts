// TypeBox pieces shared by the joint committee, partnership and leader contact routes.
import { Type } from '@sinclair/typebox';

/** YYYY-MM-DD; whether it is a real calendar day is checked by the services. */
export const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const Text = (max: number) => Type.String({ maxLength: max });
