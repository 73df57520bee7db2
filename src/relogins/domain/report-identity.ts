/**
 * How users appear in reports (REPORT_IDENTITY): their email, their Cognito user name, or a keyed hash
 * of their stable id, so a channel can follow "the same user" without learning who it is.
 */
import { createHmac } from 'node:crypto';

export const REPORT_IDENTITIES = ['hashed', 'email', 'username'] as const;
export type ReportIdentityMode = (typeof REPORT_IDENTITIES)[number];

export type ReportIdentity = { mode: 'hashed'; key: string } | { mode: 'email' } | { mode: 'username' };

export interface IdentifiableUser {
  user: string;
  /** Absent when the log did not keep it (REPORT_IDENTITY hashed): the stable id stands in. */
  username?: string;
  email?: string;
}

/** The user attributes a mode shows, so the sign-in log keeps those and no others. */
export function attributesShown(mode: ReportIdentityMode): { username: boolean; email: boolean } {
  // `email` falls back to the user name for users without one.
  return { username: mode !== 'hashed', email: mode === 'email' };
}

export type UserLabeler = (user: IdentifiableUser) => string;

export function userLabeler(identity: ReportIdentity): UserLabeler {
  switch (identity.mode) {
    case 'email':
      return (user) => user.email ?? user.username ?? user.user;
    case 'username':
      return (user) => user.username ?? user.user;
    case 'hashed':
      // Keyed, so nobody without the key can test guesses (e.g. a colleague's sub) against the label.
      return (user) =>
        `user-${createHmac('sha256', identity.key).update(user.user).digest('hex').slice(0, 10)}`;
  }
}
