// The failure classifier: each error the app meets is recognised by its class, with what retrying can do.
// eslint-disable-next-line no-restricted-imports -- the SDK's own error class, to build what it throws
import { ForgeKvsAPIError } from '@forge/kvs';
import { AtlassianApiError, ProxyRefusedError } from '../clients/api-error';
import { classify, loggableError, OutOfTimeError, WorkConflictError } from './failures';
import { ChainLimitError, QueueBusyError } from './runtime-deps';

const kvsError = (code: string, status: number) =>
  new ForgeKvsAPIError({ status, statusText: code }, { code, message: code });

describe('classify', () => {
  it('tells a rate limit (with the wait Atlassian asked for) from an outage and from a refusal', () => {
    expect(classify(new AtlassianApiError('jira', 'rate-limited', 429, 'GET /user', '', 7))).toMatchObject({
      kind: 'rate-limited',
      transient: true,
      retryAfterSeconds: 7,
    });
    expect(classify(new AtlassianApiError('admin', 'unavailable', 503, 'POST /x', ''))).toMatchObject({
      kind: 'unavailable',
      transient: true,
    });
    for (const kind of ['forbidden', 'not-found', 'rejected'] as const)
      expect(classify(new AtlassianApiError('jira', kind, 400, 'POST /x', ''))).toMatchObject({
        kind: 'refused',
        transient: false,
      });
  });

  it("recognises Forge's storage refusals by the SDK's error class and code", () => {
    expect(classify(kvsError('RATE_LIMIT_EXCEEDED', 429)).kind).toBe('storage-quota');
    expect(classify(kvsError('CONDITION_CHECK_FAILED', 409)).kind).toBe('conflict');
    expect(classify(kvsError('KEY_ALREADY_EXISTS', 409)).kind).toBe('conflict');
    // A look-alike that is not the SDK's error is not trusted to be one.
    expect(classify(Object.assign(new Error('x'), { code: 'RATE_LIMIT_EXCEEDED' })).kind).toBe('unexpected');
  });

  it("recognises the app's own transient conditions by class, not by name", () => {
    expect(classify(new QueueBusyError('busy'))).toMatchObject({ kind: 'queue-busy', transient: true });
    expect(classify(new OutOfTimeError('late'))).toMatchObject({ kind: 'out-of-time', transient: true });
    expect(classify(new WorkConflictError('held', 42))).toMatchObject({
      kind: 'conflict',
      transient: true,
      retryAfterSeconds: 42,
    });
    const impostor = Object.assign(new Error('x'), { name: 'QueueBusyError' });
    expect(classify(impostor).kind).toBe('unexpected');
  });

  it('treats the async-event chain limit as permanent for this chain: a retry would run in the same chain', () => {
    expect(classify(new ChainLimitError('1,000 pushes'))).toMatchObject({
      kind: 'chain-limit',
      transient: false,
    });
  });

  it('treats a refusal by Forge itself as permanent and anything else as unexpected', () => {
    expect(classify(new ProxyRefusedError('jira', 'impersonation', 'POST /x', 'no')).kind).toBe('refused');
    expect(classify(new TypeError('boom'))).toMatchObject({ kind: 'unexpected', transient: false });
    expect(classify('a string')).toMatchObject({ kind: 'unexpected', message: 'a string' });
  });
});

describe('loggableError', () => {
  it('never logs the message of an unexpected error, which may quote customer data', () => {
    let parseError: unknown;
    try {
      JSON.parse('{"costCentre": "CC-SECRET-17"');
    } catch (e) {
      parseError = e;
    }
    const line = loggableError(parseError);
    expect(line).toMatch(/^SyntaxError \(message not logged: it may quote customer data\)/);
    expect(line).not.toContain('CC-SECRET-17');
    expect(loggableError('department=Sales')).not.toContain('Sales');
  });

  it('logs known failures in the app’s own words', () => {
    const error = new AtlassianApiError('jira', 'not-found', 404, 'GET /rest/api/3/user', undefined);
    expect(loggableError(error)).toBe(error.message);
    expect(loggableError(new QueueBusyError('Queue provision is busy'))).toBe('Queue provision is busy');
  });
});
