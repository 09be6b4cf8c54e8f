// `revier users`: accounts from the command line. On a station without accounts, `users add`
// creates the first administrator (as the first start of the app does); after that only an
// administrator signed in with --user adds accounts.
import type { Role } from '../../shared/api/actor.ts';
import { NewAccountSchema } from '../../shared/api/accounts.ts';
import { signedIn, typedPassword, type UserOptions } from './sign-in.ts';
import { asCommandError, CommandError, openStation, type StationOptions } from './station.ts';

export const newPasswordVariable = 'REVIER_NEW_PASSWORD';

interface AddUserOptions extends StationOptions, UserOptions {
  username: string;
  displayName: string;
  serviceNumber: string;
  roles: Role[];
}

async function newPassword(): Promise<string> {
  const fromEnvironment = process.env[newPasswordVariable];
  if (fromEnvironment) return fromEnvironment;
  if (!process.stdin.isTTY) throw new CommandError(`The new account's password is needed: type it at a terminal or set ${newPasswordVariable}`);
  const first = await typedPassword('New password: ');
  const second = await typedPassword('Repeat it: ');
  if (first !== second) throw new CommandError('The two passwords differ');
  return first;
}

export async function addUser(options: AddUserOptions): Promise<void> {
  const account = NewAccountSchema.safeParse({
    username: options.username,
    displayName: options.displayName,
    serviceNumber: options.serviceNumber,
    roles: options.roles,
    password: await newPassword(),
  });
  if (!account.success) {
    const issue = account.error.issues[0];
    throw new CommandError(`Invalid account: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { core } = await openStation(options, { create: true });
  try {
    const first = (await core.accounts.state(null)).state === 'setup';
    if (first && !(account.data.roles.length === 1 && account.data.roles[0] === 'administrator')) {
      throw new CommandError('The station has no account yet: the first one is an administrator (--roles administrator)');
    }
    if (first) await core.accounts.setup(account.data).catch(asCommandError);
    else await core.accounts.create(await signedIn(core, options), account.data).catch(asCommandError);
    console.log(`Account ${account.data.username} created: ${account.data.roles.join(', ')}`);
  } finally {
    await core.close();
  }
}

export async function listUsers(options: StationOptions & UserOptions): Promise<void> {
  const { core } = await openStation(options);
  try {
    const accounts = await core.accounts.list(await signedIn(core, options)).catch(asCommandError);
    for (const account of accounts) {
      const state = !account.active ? 'inactive' : account.lockedUntilUtc ? `locked until ${account.lockedUntilUtc}` : 'active';
      console.log(`${account.username}\t${account.serviceNumber}\t${account.displayName}\t${account.roles.join(',')}\t${state}`);
    }
  } finally {
    await core.close();
  }
}
