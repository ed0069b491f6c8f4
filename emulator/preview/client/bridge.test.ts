// The host's callBridge: what @forge/react and @forge/bridge get back for each command they send.
import { createCallBridge, type BridgeHost, type InvokeOutcome } from './bridge';
import type { ForgeDoc } from './renderer/forge-doc';

function host(invokeOutcome: InvokeOutcome = { ok: true, result: { rules: 3 } }) {
  const rendered: ForgeDoc[] = [];
  const records: Array<{ cmd: string; detail: string; failed: boolean }> = [];
  const invoked: Array<{ functionKey: string; payload: unknown }> = [];
  const bridgeHost: BridgeHost = {
    render: (doc) => rendered.push(doc),
    invoke: (functionKey, payload) => {
      invoked.push({ functionKey, payload });
      return Promise.resolve(invokeOutcome);
    },
    fetchProduct: (request) => Promise.resolve({ status: 200, body: '{}', echoed: request }),
    context: () => ({ extension: { type: 'jira:adminPage' }, accountId: 'acc-1', locale: 'en-US' }),
    record: (cmd, detail, failed = false) => records.push({ cmd, detail, failed }),
  };
  return { bridgeHost, rendered, records, invoked, callBridge: createCallBridge(bridgeHost) };
}

const doc = (text: string): ForgeDoc => ({
  type: 'Root',
  key: 'root',
  props: {},
  children: [
    {
      type: 'Text',
      key: 't',
      props: {},
      children: [{ type: 'String', key: 's', props: { text }, children: [] }],
    },
  ],
});

describe('callBridge', () => {
  it('reconcile renders a copy of the live forgeDoc, so later mutation by the reconciler is seen as a change', async () => {
    const h = host();
    const live = doc('before');
    await h.callBridge('reconcile', { forgeDoc: live });
    const stringNode = live.children[0]?.children[0];
    if (!stringNode) throw new Error('fixture broken');
    stringNode.props.text = 'after';
    await h.callBridge('reconcile', { forgeDoc: live });
    expect(h.rendered).toHaveLength(2);
    expect(h.rendered[0]).not.toBe(h.rendered[1]);
    expect(h.rendered[0]?.children[0]?.children[0]?.props.text).toBe('before');
    expect(h.rendered[1]?.children[0]?.children[0]?.props.text).toBe('after');
  });

  it('reconcile refuses something that is not a forgeDoc', async () => {
    await expect(host().callBridge('reconcile', { forgeDoc: 'nope' })).rejects.toThrow('not a forgeDoc');
  });

  it('invoke answers the resolver result, or { body, metadata } when metadata was requested', async () => {
    const h = host();
    await expect(h.callBridge('invoke', { functionKey: 'listRules', payload: { page: 1 } })).resolves.toEqual(
      { rules: 3 },
    );
    expect(h.invoked).toEqual([{ functionKey: 'listRules', payload: { page: 1 } }]);
    await expect(
      h.callBridge('invoke', {
        functionKey: 'listRules',
        payload: {},
        metadata: { rateLimitProperties: true },
      }),
    ).resolves.toEqual({ body: { rules: 3 }, metadata: {} });
  });

  it('invoke rejects with a plain Error carrying the message when the resolver failed', async () => {
    const h = host({ ok: false, error: { name: 'Error', message: 'admins only' } });
    const failure = h.callBridge('invoke', { functionKey: 'listRules', payload: {} });
    await expect(failure).rejects.toThrow('admins only');
    await expect(failure).rejects.toBeInstanceOf(Error);
    expect(h.records).toEqual([{ cmd: 'invoke', detail: 'listRules → admins only', failed: true }]);
  });

  it('invoke refuses a missing function key', async () => {
    await expect(host().callBridge('invoke', { payload: {} })).rejects.toThrow(
      'functionKey must be a string',
    );
  });

  it('getContext answers the admin-page context', async () => {
    await expect(host().callBridge('getContext')).resolves.toMatchObject({
      extension: { type: 'jira:adminPage' },
      accountId: 'acc-1',
    });
  });

  it('refresh answers false (admin pages are not refreshable), fetchProduct goes to the host', async () => {
    const h = host();
    await expect(h.callBridge('refresh', {})).resolves.toBe(false);
    await expect(h.callBridge('fetchProduct', { restPath: '/rest/api/3/myself' })).resolves.toMatchObject({
      status: 200,
      echoed: { restPath: '/rest/api/3/myself' },
    });
  });

  it('refuses, loudly, commands an admin page cannot use and commands the preview does not emulate', async () => {
    const h = host();
    await expect(h.callBridge('submit', {})).rejects.toThrow('not available to a jira:adminPage');
    await expect(h.callBridge('showFlag', {})).rejects.toThrow('not emulated by the local preview');
    expect(h.records.map((r) => [r.cmd, r.failed])).toEqual([
      ['submit', true],
      ['showFlag', true],
    ]);
  });
});
