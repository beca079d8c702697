// A small HTTP client on node:http with one keep-alive connection per device, as a browser
// profile would hold. Cheaper per request than fetch(), so less of the client's own cost ends up
// in the figures; every system under test is driven through it alike.
import http from 'node:http';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly base: string,
    public token?: string,
  ) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`bench talks to loopback only, not ${base}`);
  }

  request(method: string, path: string, body?: string | object, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const all: Record<string, string> = { ...headers };
    if (payload !== undefined) {
      all['content-type'] = 'application/json';
      all['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.token) all.authorization = `Bearer ${this.token}`;
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, { method, headers: all, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A request that must succeed with `expected` status; returns the parsed JSON body. */
  async json<T = any>(method: string, path: string, body?: string | object, expected = [200, 201]): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- bench reads loosely
    const res = await this.request(method, path, body);
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return (res.text ? JSON.parse(res.text) : null) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
