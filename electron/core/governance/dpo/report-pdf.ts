// An audit report as a German PDF for the data protection officer (DSB) or the commissioner, drawn
// with the layout of the court report (export/pdf-layout.ts): a cover with the subject, the state
// of the chain and its head; for a clip every opening with its justification, every export with
// its recipient, the deletion with its tombstone, then the remaining entries; for a user or a
// period every entry. The entries' own hashes are in the CSV form of the report.
import type { AuditAction, AuditEntry, AuditReportSubject, AuditVerification } from '../../../../shared/api/audit.ts';
import { canonicalJson } from '../../../../shared/canonical-json.ts';
import type { TombstoneRow } from '../../../db/entities/retention.ts';
import { contentWidth, page, PrintableText, ReportLayout, reportDocument, styles } from '../../export/pdf-layout.ts';
import { actionNames, grouped, roleName, utcText } from '../../export/report-text.ts';
import { clipSections, entryFacts, otherDetails, type AuditReportContent, type ClipExport } from './report-content.ts';

export async function reportPdf(report: AuditReportContent): Promise<Buffer> {
  const text = new PrintableText();
  const subject = subjectText(report.subject);
  const doc = reportDocument(text, {
    title: `Protokollbericht: ${subject}`,
    subject,
    author: report.createdBy.userId,
    creator: 'Revier',
    creationDate: new Date(report.createdUtc),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const layout = new ReportLayout(doc, text);
  drawCover(layout, report, subject);
  if ('clipId' in report.subject) drawClip(layout, report);
  else drawEntries(layout, 'Einträge', report.entries);
  drawNotes(layout);
  layout.decoratePages(`Protokollbericht · ${subject}`, `Revier · erstellt ${utcText(report.createdUtc)} von ${report.createdBy.userId}`);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// --- Words ----------------------------------------------------------------------------------------

const reasonTexts: Record<Extract<AuditVerification, { intact: false }>['reason'], string> = {
  hash_mismatch: 'der Inhalt des Eintrags passt nicht zu seinem Hashwert (nachträglich verändert)',
  chain_broken: 'der Eintrag verweist nicht auf den Hashwert seines Vorgängers (Kette unterbrochen)',
  sequence_gap: 'in der Nummerierung fehlen Einträge (entfernt)',
  entries_missing: 'am Ende des Protokolls fehlen Einträge (entfernt)',
  anchor_mismatch: 'die Kette führt nicht zum zuletzt geschriebenen Eintrag (neu geschrieben)',
  purge_mismatch: 'der Nachweis der letzten Bereinigung passt nicht zur Kette',
};
const exportKindNames: Record<string, string> = { court: 'Gerichtsexport', training: 'Schulungsmaterial', still: 'Standbild' };
const tombstoneReasonNames: Record<TombstoneRow['reason'], string> = {
  retention: 'Löschfrist abgelaufen',
  'early-deletion': 'Vorzeitige Löschung (Vier-Augen-Freigabe)',
  'lock-refused': 'Richterliche Bestätigung versagt (Aufnahme in einer Wohnung)',
  kernbereich: 'Kernbereich privater Lebensgestaltung',
};

const isoUtc = (iso: string) => new Date(iso).toISOString();

function subjectText(subject: AuditReportSubject): string {
  if ('clipId' in subject) return `Aufzeichnung Clip ${subject.clipId}`;
  if ('userId' in subject) return `Benutzer ${subject.userId}`;
  return `Zeitraum ${utcText(isoUtc(subject.from))} bis ${utcText(isoUtc(subject.to))}`;
}

function verificationText(verification: AuditVerification): string {
  if (verification.intact) return `unverändert: alle ${grouped(verification.entries)} Einträge des Protokolls geprüft`;
  return `VERÄNDERT: erster fehlerhafter Eintrag Nr. ${verification.firstBadSequence}: ${reasonTexts[verification.reason]}`;
}

/** `3 Abfrage, 1 Offenlegung`: how many entries of each processing category, in the order of the categories. */
function countsText(entries: AuditEntry[]): string {
  const counts = new Map<AuditAction, number>();
  for (const entry of entries) counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
  return (Object.keys(actionNames) as AuditAction[])
    .filter((action) => counts.has(action))
    .map((action) => `${grouped(counts.get(action) ?? 0)} ${actionNames[action]}`)
    .join(', ');
}

const timeCell = (iso: string) => utcText(iso).replace(' UTC', '').replace(' ', '\n');
const userCell = (entry: AuditEntry) => `${entry.actor.userId}\n${roleName(entry.actor.role)}`;

const sha256Pattern = /^[0-9a-f]{64}$/;

/** A detail's value in a table cell: a SHA-256 by its first 12 characters, anything else as it is. */
function detailValue(value: unknown): string {
  if (typeof value === 'string') return sha256Pattern.test(value) ? `${value.slice(0, 12)}…` : value;
  return canonicalJson(value);
}

/** Justification, case reference and recipient first, then the other details as `key: value` lines (shortened). */
function detailsCell(entry: AuditEntry): string {
  const facts = entryFacts(entry);
  const lines = [
    facts.justification && `Begründung: ${facts.justification}`,
    facts.caseReference && `Az.: ${facts.caseReference}`,
    facts.recipient && `Empfänger: ${facts.recipient}`,
    ...Object.entries(otherDetails(entry)).map(([key, value]) => `${key}: ${detailValue(value)}`),
  ].filter((line): line is string => Boolean(line));
  const text = lines.join('\n');
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/** A subsection title that never stays alone at the foot of a page. */
function heading(layout: ReportLayout, title: string): void {
  layout.ensureSpace(90);
  layout.subsection(title);
}

// --- Sections -------------------------------------------------------------------------------------

function drawCover(layout: ReportLayout, report: AuditReportContent, subject: string): void {
  layout.doc.outline.addItem('Protokollbericht');
  layout.y = page.top + 6;
  layout.y += layout.textAt(styles.title, 'Protokollbericht', page.left, layout.y, contentWidth) + 4;
  layout.y += layout.textAt(styles.subtitle, `${subject}: Auszug aus dem Protokoll der Dienststelle für die Datenschutzkontrolle`, page.left, layout.y, contentWidth) + 16;
  const { entries, chain } = report;
  const first = entries.at(0);
  const last = entries.at(-1);
  layout.fields([
    { label: 'Gegenstand', value: subject },
    { label: 'Erstellt (UTC)', value: utcText(report.createdUtc) },
    { label: 'Erstellt von', value: `${report.createdBy.userId} (${roleName(report.createdBy.role)})` },
    { label: 'Einträge', value: entries.length === 0 ? 'keine' : `${grouped(entries.length)} (${countsText(entries)})` },
    ...(first && last ? [{ label: 'Zeitraum der Einträge', value: `${utcText(first.time)} bis ${utcText(last.time)}` }] : []),
    { label: 'Protokollkette', value: verificationText(chain.verification) },
    { label: 'Kettenkopf', value: chain.head ? `Eintrag Nr. ${chain.head.sequence}` : 'leeres Protokoll' },
    ...(chain.head ? [{ label: 'SHA-256 des Kettenkopfs', value: chain.head.hash, mono: true }] : []),
    ...(chain.purge
      ? [
          {
            label: 'Bereinigung',
            value:
              `Einträge bis Nr. ${chain.purge.throughSequence} am ${utcText(chain.purge.purgedUtc)} nach Ablauf der Aufbewahrungsfrist gelöscht ` +
              `(zuletzt ${grouped(chain.purge.entries)} Einträge von ${utcText(chain.purge.oldestTime)} bis ${utcText(chain.purge.newestTime)}); ` +
              `die Kette beginnt bei Nr. ${chain.purge.throughSequence + 1}.`,
          },
        ]
      : []),
  ]);
  layout.y += 6;
}

function drawClip(layout: ReportLayout, report: AuditReportContent): void {
  const sections = clipSections(report.entries);
  heading(layout, `Öffnungen im Player (${sections.openings.length})`);
  if (sections.openings.length === 0) layout.paragraph(styles.body, 'Keine Öffnungen protokolliert');
  else
    layout.table(
      [
        { title: 'Nr.', width: 34, align: 'right' },
        { title: 'Zeit (UTC)', width: 62 },
        { title: 'Benutzer', width: 100 },
        { title: 'Begründung (Zweck)', width: contentWidth - 196 },
      ],
      sections.openings.map((entry) => ({ cells: [String(entry.sequence), timeCell(entry.time), userCell(entry), entryFacts(entry).justification ?? '(keine)'] })),
    );
  drawExports(layout, sections.exports);
  drawDeletion(layout, report.tombstone, sections.deletions);
  drawEntries(layout, 'Weitere Einträge', sections.others);
}

function drawExports(layout: ReportLayout, exports: ClipExport[]): void {
  heading(layout, `Exporte (${exports.length})`);
  if (exports.length === 0) {
    layout.paragraph(styles.body, 'Keine Exporte protokolliert');
    return;
  }
  layout.table(
    [
      { title: 'Art', width: 70 },
      { title: 'Beantragt', width: 82 },
      { title: 'Abgeschlossen', width: 70 },
      { title: 'Begründung / Az.', width: 136 },
      { title: 'Empfänger', width: contentWidth - 358 },
    ],
    exports.map((record) => {
      const { started, done, facts } = record;
      const sequences = [started, done].filter((entry) => entry !== null).map((entry) => entry.sequence);
      const sha256 = done && typeof done.details.sha256 === 'string' ? done.details.sha256 : null;
      const output = done && typeof done.details.output === 'string' ? done.details.output : null;
      return {
        cells: [
          exportKindNames[record.kind] ?? record.kind,
          started ? `${utcText(started.time)}\n${started.actor.userId}` : '(nicht protokolliert)',
          done ? utcText(done.time) : 'nicht abgeschlossen',
          [facts.justification, facts.caseReference && `Az. ${facts.caseReference}`].filter(Boolean).join('\n') || '(keine)',
          facts.recipient ?? '(intern)',
        ],
        notes: [
          { label: 'Export', text: `${record.exportId}, Einträge Nr. ${sequences.join(' und ')}` },
          ...(output ? [{ label: 'Ausgabe', text: output }] : []),
          ...(sha256 ? [{ label: 'SHA-256', text: sha256, hash: true }] : []),
        ],
      };
    }),
  );
}

function drawDeletion(layout: ReportLayout, tombstone: TombstoneRow | null, deletions: AuditEntry[]): void {
  heading(layout, 'Löschung');
  if (!tombstone && deletions.length === 0) {
    layout.paragraph(styles.body, 'Kein Löschnachweis und kein Protokolleintrag einer Löschung zu dieser Aufzeichnung.');
    return;
  }
  if (tombstone) {
    const files = JSON.parse(tombstone.files) as unknown[];
    layout.paragraph(styles.label, 'Löschnachweis', 3);
    layout.fields([
      { label: 'Grund', value: tombstoneReasonNames[tombstone.reason] },
      { label: 'Angeordnet von', value: tombstone.orderedBy === 'system' ? 'Revier (regelmäßige Löschung)' : tombstone.orderedBy },
      { label: 'Begonnen (UTC)', value: utcText(tombstone.startedUtc) },
      { label: 'Abgeschlossen (UTC)', value: tombstone.completedUtc ? utcText(tombstone.completedUtc) : 'noch nicht abgeschlossen' },
      { label: 'Originaldatei', value: `${tombstone.originalPath} (${grouped(tombstone.sizeBytes)} Bytes)` },
      { label: 'SHA-256 des Originals', value: tombstone.sha256, mono: true },
      { label: 'Gerät', value: tombstone.device ?? 'unbekannt' },
      { label: 'Beamtin/Beamter', value: tombstone.officer ?? 'unbekannt' },
      { label: 'Aufnahme (UTC)', value: `${tombstone.startUtc ? utcText(tombstone.startUtc) : 'unbekannt'} bis ${tombstone.endUtc ? utcText(tombstone.endUtc) : 'unbekannt'}` },
      { label: 'Gelöschte Dateien', value: `${files.length} (Original und abgeleitete Dateien; kein Bild, kein Ton bleibt)` },
    ]);
    layout.y += 4;
  }
  if (deletions.length > 0) entryTable(layout, deletions);
}

function drawEntries(layout: ReportLayout, title: string, entries: AuditEntry[]): void {
  heading(layout, `${title} (${grouped(entries.length)})`);
  if (entries.length === 0) layout.paragraph(styles.body, 'Keine Einträge');
  else entryTable(layout, entries);
}

function entryTable(layout: ReportLayout, entries: AuditEntry[]): void {
  layout.table(
    [
      { title: 'Nr.', width: 30, align: 'right' },
      { title: 'Zeit (UTC)', width: 60 },
      { title: 'Benutzer', width: 80 },
      { title: 'Verarbeitung', width: 58 },
      { title: 'Ereignis / Ziel', width: 92 },
      { title: 'Details', width: contentWidth - 320 },
    ],
    entries.map((entry) => ({
      cells: [String(entry.sequence), timeCell(entry.time), userCell(entry), actionNames[entry.action], `${entry.event}\n${entry.target}`, detailsCell(entry)],
    })),
  );
}

function drawNotes(layout: ReportLayout): void {
  heading(layout, 'Hinweise');
  layout.paragraph(
    styles.small,
    'Alle Zeiten in UTC (MEZ = UTC + 1 Stunde, MESZ = UTC + 2 Stunden). Jeder Eintrag des Protokolls ist mit SHA-256 an seinen Vorgänger gekettet; ' +
      'die Prüfung der Kette umfasst das gesamte Protokoll der Dienststelle, nicht nur die Einträge dieses Berichts. Lücken in den Nummern sind Einträge ' +
      'zu anderen Gegenständen. Hashwerte in der Spalte Details sind auf ihre ersten 12 Zeichen gekürzt; sie und die Hashwerte jedes Eintrags ' +
      'stehen vollständig in der CSV-Fassung des Berichts. Dieser Bericht ist selbst protokolliert ' +
      '(Offenlegung, Ereignis audit.report, mit seinem SHA-256-Hashwert).',
  );
  if (layout.text.changed.size > 0) {
    layout.paragraph(
      styles.small,
      'Zeichen außerhalb des Zeichensatzes der PDF-Standardschrift sind umschrieben oder als ? gedruckt ' +
        `(Unicode-Nummer als Ersatz): ${layout.text.describeChanges()}. Die unveränderten Texte stehen in der CSV-Fassung.`,
    );
  }
}
