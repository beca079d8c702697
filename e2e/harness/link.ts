// Links a browser profile and signs an agent in, through the extension's popup as a person does.
import type { Profile } from './browser';
import type { Person, Team } from './team';

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
