// `revier init`: creates the data folder and the database with every migration applied.
import { CommandError, openStation, type StationOptions } from './station.ts';

export async function init(options: StationOptions): Promise<void> {
  const { core, dataFolder } = await openStation(options, { create: true }).catch((error: unknown) => {
    throw new CommandError(`Cannot create a station: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const { schemaVersion, migrations } = await core.db.schemaVersion();
    console.log(`Revier station ready in ${dataFolder} (schema ${schemaVersion}, ${migrations} migrations).`);
  } finally {
    await core.close();
  }
}
