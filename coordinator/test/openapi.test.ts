import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../routes/openapi';
import { testCoordinator } from './harness';

describe('the API document', () => {
  it('lists exactly the routes the app serves', () => {
    const t = testCoordinator();
    const served = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`));
    expect([...served].sort()).toEqual([...documented].sort());
    t.close();
  });

  it('is served as OpenAPI 3.1 with request schemas from the validators', async () => {
    const t = testCoordinator();
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const claim = res.body.paths['/api/v1/conversations/{id}/claim'].post;
    expect(claim.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'Idempotency-Key']);
    const setup = res.body.paths['/api/v1/setup'].post.requestBody.content['application/json'].schema;
    expect(setup.required.sort()).toEqual(['email', 'name', 'password', 'workspace']);
    expect(setup.additionalProperties).toBe(false);
    t.close();
  });
});

describe('cross-origin calls', () => {
  it('answers the extension’s preflight, since auth is a bearer token and never a cookie', async () => {
    const t = testCoordinator();
    const res = await t.app.request('/api/v1/conversations', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    t.close();
  });
});
