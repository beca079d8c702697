import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { DeviceHealthBody, DeviceLinkBody, type DeviceView } from '../../shared/api';
import { PAIRING_CODE_TTL_MS } from '../../shared/domain/limits';
import { LANDMARK_NAMES } from '../../shared/domain/landmarks';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { agents, devices, pairingCodes, sessions, workspaces } from '../db/schema';
import { mutate } from '../events';
import { ApiError, conflict, notFound } from '../lib/errors';
import { newId, newPairingCode, newToken, normalizePairingCode, sha256 } from '../lib/crypto';
import { iso } from '../lib/time';
import { jsonBody } from '../lib/validate';

const NO_COUNTS = { undirected: 0, refused: 0 };
const heldBack = (counts: typeof NO_COUNTS) => counts.undirected > 0 || counts.refused > 0;

/** Linked devices: one-time pairing codes, linking, the owner's list, unlinking. */
export const deviceRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/pairing-codes', requireAuth(deps), requireOwner, (c) => {
      const auth = c.get('auth');
      const workspace = deps.db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId)).get()!;
      const linked = deps.db.select({ n: count() }).from(devices).where(eq(devices.workspaceId, auth.workspaceId)).get()!.n;
      if (linked >= workspace.maxDevices) throw deviceLimit(linked, workspace.maxDevices);
      const code = newPairingCode();
      const expiresAt = deps.now() + PAIRING_CODE_TTL_MS;
      deps.db
        .insert(pairingCodes)
        .values({ codeHash: sha256(normalizePairingCode(code)), workspaceId: auth.workspaceId, createdBy: auth.agentId, expiresAt })
        .run();
      return c.json({ code, expiresAt: iso(expiresAt) }, 201);
    })
    // A browser profile presents a pairing code and becomes a linked device. No session needed:
    // the code is the proof. A full workspace refuses and leaves the code usable.
    .post('/devices', jsonBody(DeviceLinkBody), (c) => {
      const { code, name } = c.req.valid('json');
      const now = deps.now();
      const deviceToken = newToken('btd');
      const codeHash = sha256(normalizePairingCode(code));
      // No await from the lookup to the commit: nothing can use the code or the slot in between.
      const pairing = deps.db
        .select()
        .from(pairingCodes)
        .where(and(eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now)))
        .get();
      if (!pairing) throw new ApiError(400, 'invalid_code', 'That pairing code is wrong, used or expired: ask the owner for a new one');
      const device = mutate(deps, { workspaceId: pairing.workspaceId, agentId: null, deviceId: null }, (tx, emit) => {
        const workspace = tx.select().from(workspaces).where(eq(workspaces.id, pairing.workspaceId)).get()!;
        const linked = tx.select({ n: count() }).from(devices).where(eq(devices.workspaceId, workspace.id)).get()!.n;
        if (linked >= workspace.maxDevices) {
          throw deviceLimit(linked, workspace.maxDevices);
        }
        tx.update(pairingCodes).set({ usedAt: now }).where(eq(pairingCodes.codeHash, codeHash)).run();
        const row = tx
          .insert(devices)
          .values({ id: newId(), workspaceId: workspace.id, name, tokenHash: sha256(deviceToken), linkedAt: now })
          .returning()
          .get();
        emit({ type: 'device.linked', data: { deviceId: row.id, name } });
        return row;
      });
      return c.json({ id: device.id, deviceToken }, 201);
    })
    .get('/devices', requireAuth(deps), requireOwner, (c) => {
      const { workspaceId } = c.get('auth');
      const rows = deps.db.select().from(devices).where(eq(devices.workspaceId, workspaceId)).all();
      const signedIn = deps.db
        .select({ deviceId: sessions.deviceId, agentId: agents.id, name: agents.name })
        .from(sessions)
        .innerJoin(agents, eq(agents.id, sessions.agentId))
        .where(and(eq(sessions.workspaceId, workspaceId), gt(sessions.expiresAt, deps.now())))
        .all();
      const view = rows.map(
        (d): DeviceView => ({
          id: d.id,
          name: d.name,
          linkedAt: iso(d.linkedAt),
          lastSeenAt: iso(d.lastSeenAt),
          signedIn: signedIn.filter((s) => s.deviceId === d.id).map(({ agentId, name }) => ({ agentId, name })),
          health:
            d.health && d.healthAt !== null
              ? {
                  missing: d.health.missing,
                  cannotRead: d.health.missing.map((id) => LANDMARK_NAMES[id]),
                  extensionVersion: d.health.extensionVersion,
                  checkedAt: iso(d.healthAt),
                  counts: { ...NO_COUNTS, ...d.health.counts },
                }
              : null,
        }),
      );
      return c.json(view);
    })
    // A device says which parts of WhatsApp Web it can read, and how many messages it holds back.
    // Stored on the device; the owner is told (an event) only when what is missing changes, or
    // when it starts or stops holding messages back, so a steady report is not noise (the owner's
    // page looks again now and then for the numbers).
    .put('/devices/current/health', requireAuth(deps), jsonBody(DeviceHealthBody), (c) => {
      const auth = c.get('auth');
      if (!auth.deviceId) throw new ApiError(400, 'no_device', 'Sign in on a linked device to report its health');
      const health = c.req.valid('json');
      const deviceId = auth.deviceId;
      mutate(deps, auth, (tx, emit) => {
        const before = tx.select({ health: devices.health }).from(devices).where(eq(devices.id, deviceId)).get();
        tx.update(devices).set({ health, healthAt: deps.now(), lastSeenAt: deps.now() }).where(eq(devices.id, deviceId)).run();
        const was = [...(before?.health?.missing ?? [])].sort().join();
        const counts = { ...NO_COUNTS, ...health.counts };
        if (!before?.health || was !== [...health.missing].sort().join() || heldBack({ ...NO_COUNTS, ...before.health.counts }) !== heldBack(counts)) {
          emit({ type: 'device.health_changed', data: { deviceId, missing: health.missing, extensionVersion: health.extensionVersion, counts } });
        }
      });
      return c.body(null, 204);
    })
    .delete('/devices/:id', requireAuth(deps), requireOwner, (c) => {
      const auth = c.get('auth');
      const deviceId = c.req.param('id');
      mutate(deps, auth, (tx, emit) => {
        const device = tx.select().from(devices).where(and(eq(devices.id, deviceId), eq(devices.workspaceId, auth.workspaceId))).get();
        if (!device) throw notFound('Device');
        tx.delete(sessions).where(eq(sessions.deviceId, deviceId)).run();
        tx.delete(devices).where(eq(devices.id, deviceId)).run();
        emit({ type: 'device.unlinked', data: { deviceId, name: device.name } });
      });
      deps.hub.disconnect((p) => p.deviceId === deviceId, 'This device was unlinked');
      return c.body(null, 204);
    });

const deviceLimit = (linked: number, max: number) =>
  conflict('device_limit', `This workspace already has ${linked} linked devices, its limit of ${max}. Unlink one on the owner's page first.`);
