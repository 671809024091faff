import type { Role } from '../http/principal.js';

export type UserStatus = 'active' | 'pending' | 'disabled';
/** Kon Tum 6: accounts are disabled on transfer or retirement. */
export type DisabledReason = 'transfer' | 'retirement' | 'other';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  /** Null only while a federated user waits for approval (pending, no rights). */
  orgUnitId: string | null;
  roles: Role[];
  status: UserStatus;
  disabledReason: DisabledReason | null;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A user row with its password hash; never leaves the identity area. */
export interface UserWithSecret extends User {
  passwordHash: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  orgUnitId: string;
  roles: Role[];
  password?: string;
  status?: UserStatus;
}

export interface UserChange {
  displayName?: string;
  email?: string | null;
  orgUnitId?: string;
  roles?: Role[];
  password?: string;
}

export interface MinistryClient {
  clientId: string;
  name: string;
  ministryCode: string;
  /** Root of the org subtree the client may read and write. */
  orgUnitId: string;
  indicatorCodes: string[];
  /** Regular expression over indicator codes, in addition to the explicit list. */
  indicatorPattern: string | null;
  publicKeyPem: string;
  /** SHA-256 fingerprint (hex) of the client's certificate, for mutual TLS. */
  certSha256: string | null;
  status: 'active' | 'disabled';
  createdAt: Date;
}

export interface NewMinistryClient {
  clientId: string;
  name: string;
  ministryCode: string;
  orgUnitId: string;
  indicatorCodes?: string[];
  indicatorPattern?: string;
  /** A PEM certificate or SPKI public key. */
  certificatePem: string;
}

export type SubjectKind = 'user' | 'client';

export interface AuthSession {
  kind: 'session' | 'bearer';
  subjectKind: SubjectKind;
  subjectId: string;
  csrfToken: string | null;
  expiresAt: Date;
}
