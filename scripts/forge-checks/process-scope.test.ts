// inDirectory and withEnv lend the working folder and environment to one step and always give them back.
import fs from 'node:fs';
import os from 'node:os';
import { inDirectory, withEnv } from './process-scope';

describe('process scope', () => {
  it('runs the step in the folder and restores the previous one, also after a failure', async () => {
    const start = process.cwd();
    const tmp = fs.realpathSync(os.tmpdir());
    expect(start).not.toBe(tmp);
    await expect(inDirectory(tmp, () => Promise.resolve(process.cwd()))).resolves.toBe(tmp);
    expect(process.cwd()).toBe(start);
    await expect(inDirectory(tmp, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(process.cwd()).toBe(start);
  });

  it('sets variables for the step, then restores changed ones and removes added ones', async () => {
    process.env.FORGE_CHECK_TEST_KEPT = 'before';
    delete process.env.FORGE_CHECK_TEST_ADDED;
    const seen = await withEnv({ FORGE_CHECK_TEST_KEPT: 'during', FORGE_CHECK_TEST_ADDED: 'new' }, () =>
      Promise.resolve([process.env.FORGE_CHECK_TEST_KEPT, process.env.FORGE_CHECK_TEST_ADDED]),
    );
    expect(seen).toEqual(['during', 'new']);
    expect(process.env.FORGE_CHECK_TEST_KEPT).toBe('before');
    expect('FORGE_CHECK_TEST_ADDED' in process.env).toBe(false);
    await expect(
      withEnv({ FORGE_CHECK_TEST_KEPT: 'x' }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow();
    expect(process.env.FORGE_CHECK_TEST_KEPT).toBe('before');
    delete process.env.FORGE_CHECK_TEST_KEPT;
  });
});
