/** Settings from the environment, with the embedded defaults `npm start` runs on. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  publicUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databasePath: env.BATON_DB ?? 'data/baton.sqlite',
    publicUrl: env.BATON_PUBLIC_URL?.replace(/\/$/, ''),
  };
}
