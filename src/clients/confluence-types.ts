// The parts of Confluence Cloud REST v1 responses the app reads (shapes from the official OpenAPI spec).

export interface ConfluenceGroup {
  id: string;
  name: string;
}

export interface ConfluenceGroupPage {
  results: ConfluenceGroup[];
  start: number;
  limit: number;
  size: number;
  _links?: { next?: string };
}

export interface ConfluenceCurrentUser {
  accountId?: string;
  operations?: Array<{ operation?: string; targetType?: string }>;
}
