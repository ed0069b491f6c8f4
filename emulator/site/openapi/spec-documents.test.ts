// Tests that the six committed documents are sound OpenAPI and mounted where their servers say.
import { HTTP_METHODS, isObject, loadSpecs, lookupPointer, SPEC_MOUNTS } from './spec-documents';

const specs = loadSpecs();

function refsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, into));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else refsIn(value, into);
    }
  }
  return into;
}

describe('committed OpenAPI documents', () => {
  it.each(specs.map((spec) => [spec.spec, spec] as const))(
    '%s is mounted at the path of its server URL',
    (_name, spec) => {
      const server = spec.document.servers?.[0];
      expect(server).toBeDefined();
      let url = server!.url;
      for (const [name, variable] of Object.entries(server!.variables ?? {})) {
        url = url.replace(`{${name}}`, variable.default);
      }
      const pathname = new URL(url.startsWith('//') ? `https:${url}` : url).pathname.replace(/\/$/, '');
      expect(spec.basePath).toBe(pathname);
    },
  );

  it.each(specs.map((spec) => [spec.spec, spec] as const))(
    '%s has only resolvable references',
    (_name, spec) => {
      const dangling = refsIn(spec.document).filter((ref) => {
        try {
          lookupPointer(spec.document, ref);
          return false;
        } catch {
          return true;
        }
      });
      expect(dangling).toEqual([]);
    },
  );

  it.each(specs.map((spec) => [spec.spec, spec] as const))(
    '%s gives every operation responses and names every security scheme it uses',
    (_name, spec) => {
      const schemes = Object.keys(spec.document.components?.['securitySchemes'] ?? {});
      for (const [path, item] of Object.entries(spec.document.paths)) {
        for (const method of HTTP_METHODS) {
          const operation = item[method];
          if (!isObject(operation)) continue;
          expect({ path, method, hasResponses: isObject(operation['responses']) }).toEqual({
            path,
            method,
            hasResponses: true,
          });
          const security = (operation['security'] ?? []) as Array<Record<string, unknown>>;
          for (const requirement of security) {
            for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
          }
        }
      }
    },
  );

  it('marks the hand-written Admin API document as modelled by us, citing its sources', () => {
    const admin = specs.find((spec) => spec.spec === 'admin')!.document as unknown as Record<string, unknown>;
    expect(admin['x-modelled-by-us']).toBe(true);
    expect(String((admin['info'] as Record<string, unknown>)['description'])).toMatch(
      /^NOT AN OFFICIAL ATLASSIAN/,
    );
    for (const item of Object.values(
      admin['paths'] as Record<string, Record<string, { description: string }>>,
    )) {
      for (const operation of Object.values(item)) {
        expect(operation.description).toMatch(
          /Docs: https:\/\/developer\.atlassian\.com\/cloud\/admin\/organization\//,
        );
      }
    }
    expect(admin['security']).toEqual([{ bearerAuth: [] }]);
  });

  it('mounts each product on its documents', () => {
    expect(SPEC_MOUNTS.map((mount) => `${mount.product}:${mount.spec}`)).toEqual([
      'jira:jira',
      'confluence:confluence-v1',
      'confluence:confluence-v2',
      'api:scim',
      'api:user-management',
      'api:admin',
    ]);
  });
});
