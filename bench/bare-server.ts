// Baselines with no Baton in them, in their own process like the coordinator:
//  - bare ws:   a device sends a small message on its socket; the server broadcasts an event of
//               the coordinator's shape and size to the other devices.
//  - bare HTTP: a device POSTs; the server answers and broadcasts the same event to every device
//               (as the coordinator does), with no validation, auth or database.
// The gap between these and Baton is what Baton's own work costs.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { memory, serveIpc } from './ipc';

const wss = new WebSocketServer({ noServer: true });
let seq = 0;

/** An `assignee.changed` event frame like the coordinator's, built and serialised per broadcast. */
function eventFrame(conversationId: string, to: string): string {
  const at = new Date().toISOString();
  return JSON.stringify({
    type: 'event',
    event: {
      seq: ++seq,
      type: 'assignee.changed',
      at,
      actorId: to,
      deviceId: '7f7c3b52-95c1-4d0e-a7c4-0a4f4d61b2f3',
      conversationId,
      data: {
        conversation: {
          id: conversationId,
          jid: null,
          title: 'Bench conversation',
          status: 'open',
          assignee: to,
          tags: [],
          waitingSince: null,
          lastInboundAt: null,
          lastOutboundAt: null,
          snoozedUntil: null,
          createdAt: at,
          updatedAt: at,
        },
        from: null,
        to,
        reason: 'claim',
      },
    },
  });
}

function broadcast(frame: string, except?: WebSocket) {
  for (const client of wss.clients) if (client !== except) client.send(frame);
}

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { conversationId: string; agentId: string };
    broadcast(eventFrame(msg.conversationId, msg.agentId), socket);
  });
});

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const msg = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { conversationId: string; agentId: string };
    const frame = eventFrame(msg.conversationId, msg.agentId);
    // Broadcast first, then answer: the coordinator publishes on commit, before its response.
    broadcast(frame);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: msg.conversationId, requestId: randomUUID() }));
  });
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  serveIpc(port, (request) => (request.type === 'memory' ? memory() : null), () => process.exit(0));
});
