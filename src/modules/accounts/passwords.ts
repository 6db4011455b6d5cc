// Password hashing (argon2id) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../shared/errors.ts';

// Algorithm 2 = argon2id. Parameters follow OWASP's minimum (19 MiB, 2 passes).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function checkPasswordPolicy(pw: string): void {
  if (pw.length < 8 || pw.length > 128 || !/[A-Za-z]/.test(pw) || !/\d/.test(pw)) throw new AppError('PASSWORD_POLICY');
}

export const hashPassword = (pw: string): Promise<string> => hash(pw, OPTIONS);

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash for unknown users keeps login time independent of whether the
// username exists.
let dummy: Promise<string> | null = null;
export async function burnVerify(pw: string): Promise<void> {
  dummy ??= hashPassword('dummy-password-1');
  await verifyPassword(await dummy, pw);
}
