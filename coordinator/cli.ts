import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from './cli-commands';
import { readConfig } from './config';
import { openDatabase } from './db/open';

const config = readConfig(process.env);
if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
const { db, sqlite } = openDatabase(config.databasePath);
const code = await runCli(process.argv.slice(2), { db, now: Date.now(), print: (line) => console.log(line), env: process.env });
sqlite.close();
process.exit(code);
