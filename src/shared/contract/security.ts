// Privileged targets: which groups and project roles are privileged and why, the allow-list (site admins allow one
// target at a time, confirming the risk) and the groups a site admin marks privileged.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import { returns, type ContractSection } from './endpoint';
import { empty } from './fields';

const ID = '[A-Za-z0-9._-]{1,128}';
/** A grant key: `group:<groupId>` or `role:<projectId>:<roleId>`. */
const grantKey = z
  .string()
  .regex(new RegExp(`^(group:${ID}|role:${ID}:${ID})$`), fieldMessage('fields.notTarget'));
const groupId = z.string().regex(new RegExp(`^${ID}$`), fieldMessage('fields.notGroupId'));

export interface AllowanceView {
  key: string;
  name: string;
  /** Why it was privileged when it was allowed. */
  privilege: string;
  by: string;
  at: number;
  /** False when the target is no longer privileged (the allowance then has no effect). */
  stillPrivileged: boolean;
}

export interface PrivilegedTargetView {
  key: string;
  kind: 'group' | 'projectRole';
  name: string;
  /** Each reason, in words. */
  reasons: string[];
  /** Set when a site admin allow-listed it: rules may then grant it. */
  allowance: { by: string; at: number } | null;
  /** Set when a site admin marked it privileged. */
  mark: { by: string; at: number } | null;
}

export interface SecurityView {
  /** When the site was read (now, for this view). */
  takenAt: number;
  targets: PrivilegedTargetView[];
  allowances: AllowanceView[];
  /** Why this caller sees it read-only; null for site admins. */
  readOnly: string | null;
}

export const securityAllowSchema = z.strictObject({
  key: grantKey,
  /** The page's confirmation that the admin read what allowing it means. */
  acknowledgeRisk: z.literal(true, fieldMessage('fields.confirmRisk')),
});
export type SecurityAllowPayload = z.infer<typeof securityAllowSchema>;
export const securityDisallowSchema = z.strictObject({ key: grantKey });
export type SecurityDisallowPayload = z.infer<typeof securityDisallowSchema>;
export const securityMarkSchema = z.strictObject({ groupId });
export type SecurityMarkPayload = z.infer<typeof securityMarkSchema>;

export const SECURITY_CONTRACT = {
  /** Reads the site now: the privileged targets with their reasons, the allow-list and the marks. */
  'security.get': { payload: empty, response: returns<SecurityView>() },
  /** Site admins: lets rules grant one privileged target. */
  'security.allow': { payload: securityAllowSchema, response: returns<SecurityView>() },
  /** Site admins: withdraws an allowance. */
  'security.disallow': { payload: securityDisallowSchema, response: returns<SecurityView>() },
  /** Site admins: marks a group privileged (for admin groups the site does not report as such). */
  'security.mark': { payload: securityMarkSchema, response: returns<SecurityView>() },
  'security.unmark': { payload: securityMarkSchema, response: returns<SecurityView>() },
} satisfies ContractSection;
