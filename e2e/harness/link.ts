// Links a browser profile and signs an agent in, through the extension's popup as a person does.
import type { Page } from 'playwright-core';
import type { Profile } from './browser';
import { setUpTeam, type Person, type Team } from './team';
import { startWorld, type World } from './world';

export async function linkAndSignIn(profile: Profile, team: Team, person: Person): Promise<void> {
  const popup = await profile.popup();
  await popup.getByLabel('Coordinator address').fill(team.url);
  await popup.getByLabel('Pairing code').fill(await team.pairingCode());
  await popup.getByLabel('Name of this browser').fill(`${person.name}'s browser`);
  await popup.getByRole('button', { name: /link/i }).click();
  await popup.getByLabel('Email').fill(person.email);
  await popup.getByLabel('Password').fill(person.password);
  await popup.getByRole('button', { name: /sign in/i }).click();
  await popup.getByText(person.name).first().waitFor({ timeout: 10_000 });
  await popup.close();
}

/**
 * One browser profile per person, each linked and signed in, with WhatsApp Web open (`query`
 * picks the simulator's generation) and Baton's sidebar mounted: the pages, in people's order.
 */
export async function openLinkedDevices(world: World, team: Team, people: Person[], query = '?gen=2026b'): Promise<Page[]> {
  const pages: Page[] = [];
  for (const person of people) {
    const profile = await world.profile();
    await linkAndSignIn(profile, team, person);
    const page = await profile.whatsapp(query);
    await page.waitForSelector('#pane-side [role="row"]', { timeout: 20_000 });
    await page.locator('[data-baton-sidebar]').waitFor({ state: 'attached', timeout: 20_000 });
    pages.push(page);
  }
  return pages;
}

/**
 * The four-device shop most browser tests start from: a fresh world on the simulator's default
 * seed, the owner and three agents each on their own linked browser (today's page), and the owner
 * set away so that only the agents take chats (signed in is online, and online owners take chats).
 */
export async function fourDeviceShop(names = ['Olivia', 'Ana', 'Bea', 'Caio']): Promise<{ world: World; team: Team; pages: Page[] }> {
  const world = await startWorld();
  await world.sim.control.reset({ seed: 'default' });
  const team = await setUpTeam(world.coordinator.url, names);
  const pages = await openLinkedDevices(world, team, team.people);
  await team.api('PUT', '/me/status', { status: 'away' });
  return { world, team, pages };
}
