// Who is calling and from which product: cheap, so the page can show "admins only" before anything else.
import type { LicenceState } from '../../domain/licensing';
import { empty } from './fields';
import { returns, type ContractSection } from './endpoint';

export interface SessionView {
  accountId: string;
  /** Which admin page the call came from. */
  product: 'jira' | 'confluence';
  /** A site admin changes everything; a product admin is an administrator of `product` only (the resolver decides). */
  role: 'site-admin' | 'product-admin';
  /** Why organization-wide settings are read-only for this caller; null for site admins. */
  orgSettingsReadOnly: string | null;
  /** This installation's licence, as the resolver decided it from what Forge passed. */
  licence: LicenceView;
}

export interface LicenceView {
  state: LicenceState;
  /** False: provisioning, scans, sweeps, pushes and the page's actions are paused until the licence is back. */
  mayAct: boolean;
  /** For an evaluation: when it ends (ISO), if Forge said. */
  trialEndDate: string | null;
}

/** The page's message for a refused call. */
export const ADMINS_ONLY_MESSAGE = 'Only Jira or Confluence administrators can use this page.';

export const SESSION_CONTRACT = {
  'session.get': { payload: empty, response: returns<SessionView>() },
} satisfies ContractSection;
