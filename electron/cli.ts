#!/usr/bin/env node
// The `revier` command: set up a station, serve the browser host, read and change settings,
// verify, export and report on the audit log, export and import a clip's annotations, run the retention job.
import { Command, InvalidArgumentError, Option } from 'commander';
import { annotationFormats } from '../shared/api/annotations.ts';
import { auditReportFormats } from '../shared/api/audit.ts';
import { RoleSchema, roles, type Role } from '../shared/api/actor.ts';
import { appVersion } from './app-root.ts';
import { exportAnnotations, importAnnotations } from './cli/annotations-command.ts';
import { exportAudit, reportAudit, verifyAudit } from './cli/audit-command.ts';
import { exportCourt, exportStill, exportTraining, verifyExport } from './cli/export-commands.ts';
import { init } from './cli/init-command.ts';
import { frames, scan, verify } from './cli/library-commands.ts';
import { serve } from './cli/serve-command.ts';
import { previewRetention, runRetention } from './cli/retention-command.ts';
import { getSettings, setSetting } from './cli/settings-command.ts';
import { passwordVariable } from './cli/sign-in.ts';
import { CommandError } from './cli/station.ts';
import { addUser, listUsers, newPasswordVariable } from './cli/users-command.ts';

const dataOption = () => new Option('--data <dir>', 'data folder (default: $REVIER_DATA, else the app-data folder)');
const userOption = () => new Option('--user <name>', `the account to act as (password from $${passwordVariable}, else asked)`).makeOptionMandatory();

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return value;
}

function clipId(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('a clip id is a positive whole number');
  return value;
}

function frame(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('a frame number is a whole number from 0');
  return value;
}

function roleList(text: string): Role[] {
  const parsed = RoleSchema.array().min(1).safeParse(text.split(',').map((role) => role.trim()));
  if (!parsed.success) throw new InvalidArgumentError(`roles are a comma-separated list of ${roles.join(', ')}`);
  return parsed.data;
}

/** A day (YYYY-MM-DD) as its last millisecond in UTC: what a run on that day deletes at the latest. */
function endOfDay(text: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T23:59:59.999Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) throw new InvalidArgumentError('a day is written YYYY-MM-DD');
  return day;
}

const collect =
  <T,>(parse: (text: string) => T) =>
  (text: string, previous: T[] = []): T[] => [...previous, parse(text)];

function area(text: string): { x: number; y: number; width: number; height: number } {
  const values = text.split(',').map(Number);
  const [x, y, width, height] = values;
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v) || v < 0) || !width || !height) throw new InvalidArgumentError('an area is x,y,width,height in source pixels');
  return { x: x as number, y: y as number, width, height };
}

const clipOption = () => new Option('--clip <id>', 'the clip (its id, as `revier scan --json` prints it)').argParser(clipId).makeOptionMandatory();

function program(): Command {
  const revier = new Command('revier')
    .description('Revier: offline review station for body-worn camera footage')
    .version(appVersion)
    .showHelpAfterError()
    .exitOverride();

  revier.command('init').description('create the data folder and database').addOption(dataOption()).action(init);

  revier
    .command('serve')
    .description('serve Revier to a local browser on 127.0.0.1')
    .addOption(dataOption())
    .option('--drive <dir>', 'station drive to use (stored in the settings)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', port)
    .option('--no-open', 'do not open a browser window')
    .action(serve);

  revier
    .command('scan')
    .description('read the station drive into the library (new and changed files only)')
    .requiredOption('--drive <dir>', 'the station drive (stored in the settings)')
    .addOption(dataOption())
    .option('--json', 'one JSON line per file, then a summary line')
    .action(scan);

  revier
    .command('verify')
    .description('re-hash every original; exit 1 when any changed')
    .addOption(dataOption())
    .option('--json', 'one JSON line per original, then a summary line')
    .action(async (options) => {
      process.exitCode = await verify(options);
    });

  revier
    .command('frames')
    .description("a clip's frame index as JSON: frame number, pts in seconds, keyframe")
    .argument('<clip-id>')
    .addOption(dataOption())
    .action(frames);

  const settings = revier.command('settings').description('read or change station settings');
  settings.command('get').argument('[key]', 'one setting; all when omitted').addOption(dataOption()).action(getSettings);
  settings.command('set').argument('<key>').argument('<value>').addOption(dataOption()).addOption(userOption()).action(setSetting);

  const audit = revier.command('audit').description('the audit log (Protokoll)');
  audit
    .command('verify')
    .description('check the hash chain; exit 1 naming the first bad entry')
    .addOption(dataOption())
    .addOption(userOption())
    .action(async (options) => {
      process.exitCode = await verifyAudit(options);
    });
  audit
    .command('export')
    .description('write audit entries to standard output')
    .addOption(dataOption())
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).makeOptionMandatory())
    .option('--from <time>', 'entries at or after this ISO date/time (UTC)')
    .option('--to <time>', 'entries at or before this ISO date/time (UTC)')
    .option('--actor <user>', 'entries of this user')
    .option('--target <target>', 'entries about this target, e.g. settings or clip:42')
    .addOption(userOption())
    .action(exportAudit);
  audit
    .command('report')
    .description('the report on one clip, one user or one period for the data protection officer (logged as a disclosure)')
    .addOption(dataOption())
    .addOption(new Option('--clip <id>', 'every entry about this clip: openings, exports, its deletion').argParser(clipId))
    .option('--actor <user>', 'everything this user did')
    .option('--from <time>', 'a period: from this ISO date/time (UTC)')
    .option('--to <time>', 'a period: to this ISO date/time (UTC); a bare date includes its whole day')
    .addOption(new Option('--format <format>', 'the report as PDF (German) or CSV').choices(auditReportFormats).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .addOption(userOption())
    .action(reportAudit);

  const annotations = revier.command('annotations').description("a clip's markers, redaction tracks and audio redactions as a file");
  annotations
    .command('export')
    .description('write the annotation document (JSON) or the markers as WebVTT chapters to standard output')
    .addOption(clipOption())
    .addOption(dataOption())
    .addOption(new Option('--format <format>', 'json: the annotation document; vtt: the markers as WebVTT chapters').choices(annotationFormats).default('json'))
    .addOption(userOption())
    .action(exportAnnotations);
  annotations
    .command('import')
    .description('add the annotations of a document made on this clip (all or, on any error, none)')
    .argument('<file>', 'an annotation document (JSON) as `revier annotations export` writes it')
    .addOption(clipOption())
    .addOption(dataOption())
    .addOption(userOption())
    .action(importAnnotations);

  const exports = revier.command('export').description('court packages, anonymised training clips and still frames; checking a package');
  const rangeOptions = (command: Command) =>
    command
      .addOption(new Option('--from <frame>', 'first frame of the range (once per --clip, in order)').argParser(collect(frame)))
      .addOption(new Option('--to <frame>', 'last frame of the range, inclusive').argParser(collect(frame)));
  rangeOptions(
    exports
      .command('court')
      .description('a court package (Gerichtsexport): redacted copies, manifest, logs, PDF report, SHA256SUMS')
      .addOption(dataOption())
      .addOption(new Option('--clip <id>', 'a clip of the case (repeat for several)').argParser(collect(clipId)).makeOptionMandatory())
      .requiredOption('--case <reference>', 'the case reference (Aktenzeichen)')
      .requiredOption('--recipient <text>', 'who receives the package')
      .option('--legal-basis <text>', "the legal basis (default: the station's setting)")
      .requiredOption('--out <dir>', 'the folder the package is made in')
      .option('--with-originals', 'add the originals byte for byte')
      .option('--zip', 'deliver the package as one ZIP file')
      .addOption(userOption()),
  ).action(exportCourt);
  rangeOptions(
    exports
      .command('training')
      .description('an anonymised training clip (Schulungsmaterial): masks, watermark, no metadata, no link to the source')
      .addOption(dataOption())
      .addOption(clipOption())
      .requiredOption('--justification <text>', 'what the clip is made for')
      .requiredOption('--out <dir>', 'the folder the training package is made in')
      .addOption(new Option('--whole-picture <block>', 'pixelate everything but the --keep areas with blocks of this many pixels').argParser(Number))
      .addOption(new Option('--keep <x,y,w,h>', 'an area the whole-picture pixelation leaves (repeatable)').argParser(collect(area)))
      .addOption(new Option('--audio <treatment>', 'remove the sound or replace it by a tone').choices(['remove', 'tone']).default('remove'))
      .addOption(userOption()),
  ).action(exportTraining);
  exports
    .command('still')
    .description('one frame as PNG with a caption strip and its hash (redacted unless --unredacted)')
    .addOption(dataOption())
    .addOption(clipOption())
    .addOption(new Option('--frame <n>', 'the frame number').argParser(frame).makeOptionMandatory())
    .requiredOption('--justification <text>', 'why the frame is taken')
    .option('--case <reference>', 'the case reference for the caption')
    .option('--unredacted', 'without masks (supervisors only)')
    .requiredOption('--out <file>', 'the PNG file to write')
    .addOption(userOption())
    .action(exportStill);
  exports
    .command('verify')
    .description('recompute every hash of a package and check its manifest; exit 1 on any mismatch')
    .argument('<dir>', 'the package folder')
    .action(async (dir: string) => {
      process.exitCode = await verifyExport(dir);
    });

  const users = revier.command('users').description('the station\'s accounts');
  users
    .command('add')
    .description(`create an account (the first one, an administrator, without --user); its password from $${newPasswordVariable}, else asked`)
    .addOption(dataOption())
    .requiredOption('--username <name>', 'the login name, e.g. mueller.k')
    .requiredOption('--display-name <text>', 'the name shown, e.g. "PK Karin Müller"')
    .requiredOption('--service-number <text>', 'the service number (Dienstnummer)')
    .addOption(new Option('--roles <roles>', `comma-separated: ${roles.join(', ')}`).argParser(roleList).makeOptionMandatory())
    .option('--user <name>', `the administrator creating it (password from $${passwordVariable}, else asked)`)
    .action(addUser);
  users.command('list').description('every account with roles and state').addOption(dataOption()).addOption(userOption()).action(listUsers);

  const retention = revier.command('retention').description('the retention job (Löschfristen): delete what is due, leave tombstones (Löschnachweise)');
  retention
    .command('run')
    .description('delete every clip whose deletion is due, as the station does daily; exit 1 when any deletion failed')
    .addOption(dataOption())
    .option('--dry-run', 'delete nothing; list what is due and what is kept')
    .option('--json', 'the result as one JSON line')
    .action(async (options) => {
      process.exitCode = await runRetention(options);
    });
  retention
    .command('preview')
    .description('list the clips a run would delete and the clips past their date that it keeps, with why')
    .addOption(dataOption())
    .addOption(new Option('--at <day>', 'decide as a run at the end of this day (UTC) would').argParser(endOfDay))
    .option('--json', 'the result as one JSON line')
    .action(previewRetention);

  for (const command of [revier, ...revier.commands, ...users.commands, ...settings.commands, ...audit.commands, ...annotations.commands, ...exports.commands, ...retention.commands]) command.exitOverride();
  return revier;
}

try {
  await program().parseAsync(process.argv);
} catch (error) {
  const commanderExit = error as { code?: string; exitCode?: number };
  if (typeof commanderExit.code === 'string' && commanderExit.code.startsWith('commander.')) {
    process.exitCode = commanderExit.code === 'commander.helpDisplayed' || commanderExit.code === 'commander.version' ? 0 : 2;
  } else if (error instanceof CommandError) {
    console.error(`revier: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(`revier: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
