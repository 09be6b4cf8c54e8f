// Signing in on the command line: commands that show or change what a person may see or do run
// as a station account (`--user NAME`), with its password from $REVIER_PASSWORD or typed at the
// terminal without echo. The sign-in is logged like one in a window, and the session ends with
// the command.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Actor } from '../../shared/api/actor.ts';
import { UsernameSchema } from '../../shared/api/accounts.ts';
import type { Core } from '../core/core.ts';
import { asCommandError, CommandError } from './station.ts';

export const passwordVariable = 'REVIER_PASSWORD';

export interface UserOptions {
  user?: string;
}

/** Reads a line from the terminal without showing it (a password). */
export function typedPassword(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    reader.question(prompt, (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function password(username: string): Promise<string> {
  const fromEnvironment = process.env[passwordVariable];
  if (fromEnvironment) return fromEnvironment;
  if (!process.stdin.isTTY) throw new CommandError(`The password of ${username} is needed: type it at a terminal or set ${passwordVariable}`);
  return typedPassword(`Password for ${username}: `);
}

/** The actor of the account named by `--user`, signed in with its password. */
export async function signedIn(core: Core, options: UserOptions): Promise<Actor> {
  if (!options.user) throw new CommandError('This command acts for a person: name your account with --user NAME');
  const username = UsernameSchema.safeParse(options.user);
  if (!username.success) throw new CommandError(`--user ${options.user}: not a user name (${username.error.issues[0]?.message})`);
  const session = await core.accounts.signIn({ username: username.data, password: await password(username.data) }).catch(asCommandError);
  return core.accounts.sessions.actor(session.id);
}
