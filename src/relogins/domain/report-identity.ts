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
  username: string;
  email?: string;
}

export type UserLabeler = (user: IdentifiableUser) => string;

export function userLabeler(identity: ReportIdentity): UserLabeler {
  switch (identity.mode) {
    case 'email':
      return (user) => user.email ?? user.username;
    case 'username':
      return (user) => user.username;
    case 'hashed':
      // Keyed, so nobody without the key can test guesses (e.g. a colleague's sub) against the label.
      return (user) =>
        `user-${createHmac('sha256', identity.key).update(user.user).digest('hex').slice(0, 10)}`;
  }
}
