// Route table: product + method + path template → handler, with the API family that decides auth and error shapes.
import type { SiteProduct, SiteResponse } from '../contracts';
import type { Caller } from './auth';
import type { ParsedRequest } from './http/parsed-request';
import type { SpecViolation } from './openapi/types';
import type { SiteContext } from './site-context';

export type ApiFamily = 'jira' | 'confluence' | 'admin' | 'user-management' | 'scim';

export interface HandlerContext {
  site: SiteContext;
  request: ParsedRequest;
  params: Record<string, string>;
  caller: Caller;
}

/**
 * A handler's answer. `requestViolation` marks a refusal for a rule Atlassian enforces but its spec cannot
 * express (a date format, a parameter required only in prose): it is recorded like a spec violation, so a test
 * fails naming the rule, and the response is not checked against the spec's documented statuses.
 */
export type HandlerResponse = SiteResponse & { requestViolation?: SpecViolation };

export type Handler = (hc: HandlerContext) => HandlerResponse | Promise<HandlerResponse>;

/** Marks a refusal as the app's mistake (see HandlerResponse). */
export function refuseRequest(response: SiteResponse, rule: string, message: string): HandlerResponse {
  return { ...response, requestViolation: { rule, message } };
}

export interface RouteDefinition {
  product: SiteProduct;
  family: ApiFamily;
  method: string;
  /** e.g. `/rest/api/3/project/{projectIdOrKey}/role/{id}`. */
  template: string;
  handler: Handler;
}

interface CompiledRoute extends RouteDefinition {
  segments: Array<{ literal: string } | { param: string }>;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

function compile(definition: RouteDefinition): CompiledRoute {
  const segments = definition.template
    .split('/')
    .slice(1)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      return param ? { param: param[1] as string } : { literal: part };
    });
  return { ...definition, method: definition.method.toUpperCase(), segments };
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...definitions: RouteDefinition[]): void {
    for (const definition of definitions) this.routes.push(compile(definition));
  }

  all(): readonly RouteDefinition[] {
    return this.routes;
  }

  match(product: SiteProduct, method: string, pathname: string): RouteMatch {
    const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
    const allowed: string[] = [];
    // Literal routes win over parameterised ones (`/role/{id}` must not swallow a literal sibling).
    let best: { route: CompiledRoute; params: Record<string, string>; literals: number } | undefined;
    for (const route of this.routes) {
      if (route.product !== product || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i];
        const part = parts[i] as string;
        if (!segment) ok = false;
        else if ('literal' in segment) {
          ok = segment.literal === part;
          literals += 1;
        } else {
          try {
            params[segment.param] = decodeURIComponent(part);
          } catch {
            ok = false;
          }
          if (part === '') ok = false;
        }
      }
      if (!ok) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (best) return { kind: 'found', route: best.route, params: best.params };
    if (allowed.length > 0) return { kind: 'method-not-allowed', allowed };
    return { kind: 'not-found' };
  }
}
