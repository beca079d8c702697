// What customers do, through the simulator's control API.
import type { World } from './world';

/** A new customer writes: the row appears on every linked device at once, with one unread message. */
export const newCustomer = (world: World, name: string, text: string) =>
  world.sim.control.createChats({ chats: [{ name, avatar: true, unread: 1, minutesAgo: 0, messages: [{ text, minutesAgo: 0 }] }] });

/** A customer writes again in their chat (by name), as WhatsApp delivers it to every linked device. */
export const customerWrites = (world: World, name: string, text: string) => world.sim.control.incoming({ chat: name, text });
