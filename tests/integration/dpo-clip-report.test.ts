// The data protection officer's report on one clip after a real life of it: opened with a
// justification, exported to a recipient, deleted by the retention run. The report (CSV and PDF)
// lists the opening with its justification, the export with its recipient and the deletion.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../electron/core/governance/system-actor.ts';
import { signInAs } from '../support/core.ts';
import { useScannedStations } from '../support/scanned-station.ts';

const station = useScannedStations();

describe('the report on a clip', () => {
  it('lists every opening with its justification, every export with its recipient, and the deletion', async () => {
    const { core, clips } = await station();
    const clip = clips.mkv;
    const supervisor = await signInAs(core, 'supervisor', 'dvg1');
    await core.player.open(supervisor, clip.id, 'Az. 4711 Js 55/26 Widerstand');
    const started = await core.exports.start(supervisor, {
      kind: 'court',
      clips: [{ clipId: clip.id, fromFrame: 0, toFrame: 9 }],
      caseReference: '4711 Js 55/26',
      recipient: 'Staatsanwaltschaft Heilbronn',
      withOriginals: false,
      zip: false,
    });
    await core.exports.idle();
    expect((await core.exports.get(started.id)).status).toBe('done');
    // The fixture recordings of 2024 are long past their deadline (and today's entries far from theirs).
    const retention = await core.retention.run(systemActor('retention'), new Date());
    expect(retention.deleted.map((tombstone) => tombstone.clipId)).toContain(clip.id);

    const officer = await signInAs(core, 'dpo', 'dsb1');
    const csv = (await core.auditReports.report(officer, { clipId: clip.id }, 'csv')).bytes.toString('utf8');
    expect(csv).toContain('Az. 4711 Js 55/26 Widerstand');
    expect(csv).toContain('Staatsanwaltschaft Heilbronn');
    expect(csv).toContain('retention.delete');
    expect(csv).toContain(clip.sha256);
    const pdf = await core.auditReports.report(officer, { clipId: clip.id }, 'pdf');
    const written = await new Promise<string>((resolve, reject) => {
      const child = execFile('pdftotext', ['-layout', '-', '-'], (error, stdout) => (error ? reject(error) : resolve(stdout)));
      child.stdin?.end(pdf.bytes);
    });
    const flat = written.replace(/\s+/g, ' ');
    expect(flat).toContain('Az. 4711 Js 55/26 Widerstand');
    expect(flat).toContain('Staatsanwaltschaft Heilbronn');
    expect(flat).toContain(clip.sha256.slice(0, 12));
  }, 120_000);
});
