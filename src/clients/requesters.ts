// The request functions clients are given (from asApp(), asUser(id) or api.fetch): injected, never imported here.
import type { APIResponse, RequestInit, Route } from '@forge/api';

/** What `asApp()` / `asUser()` return, narrowed to what the clients use. */
export interface JiraRequester {
  requestJira(path: Route, init?: RequestInit): Promise<APIResponse>;
}

export interface ConfluenceRequester {
  requestConfluence(path: Route, init?: RequestInit): Promise<APIResponse>;
}

/** `api.fetch` from @forge/api: egress to hosts the manifest allows. */
export type ExternalFetch = (url: string, init?: RequestInit) => Promise<APIResponse>;

export const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' } as const;
export const ACCEPT_JSON = { Accept: 'application/json' } as const;
