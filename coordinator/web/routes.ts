// The owner's page: static HTML, CSS and a script that speaks the public API (/api/v1) like any
// other client, so the page holds no logic of its own. Read once at start-up.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AppEnv } from '../deps';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

export const webRoutes = () => {
  const page = asset('owner.html');
  const script = asset('owner.js');
  const styles = asset('owner.css');
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(page))
    .get('/owner.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/owner.css', (c) => c.body(styles, 200, { 'content-type': 'text/css; charset=utf-8' }));
};
