import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../deps';
import type { Connection } from './hub';

/** GET /api/v1/realtime: a WebSocket that the device authenticates with its first message. */
export const realtimeRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get(
    '/realtime',
    upgradeWebSocket(() => {
      let connection: Connection | null = null;
      return {
        onOpen: (_event, ws) => {
          connection = deps.hub.connect({ send: (data) => ws.send(data), close: (code, reason) => ws.close(code, reason) });
        },
        onMessage: (event) => connection?.receive(typeof event.data === 'string' ? event.data : ''),
        onClose: () => connection?.closed(),
      };
    }),
  );
