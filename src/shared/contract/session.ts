// Who is calling and from which product: cheap, so the page can show "admins only" before anything else.
import { empty } from './fields';
import { returns, type ContractSection } from './endpoint';

export interface SessionView {
  accountId: string;
  /** Which admin page the call came from. */
  product: 'jira' | 'confluence';
}

/** The page's message for a refused call. */
export const ADMINS_ONLY_MESSAGE = 'Only Jira or Confluence administrators can use this page.';

export const SESSION_CONTRACT = {
  'session.get': { payload: empty, response: returns<SessionView>() },
} satisfies ContractSection;
