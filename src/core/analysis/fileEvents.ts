// Files written the way ransomware writes them, from Sysmon's file events (11 FileCreate, 23
// FileDelete, 26 FileDeleteDetected) and the Security log's object access (4663): a ransom note
// (README, HOW_TO_DECRYPT, RESTORE-MY-FILES …) dropped in folder after folder, and documents given a
// second, new extension (report.docx.lockbit). Every other file event is left alone: a machine
// writes thousands an hour.
import type { HostEvent } from './hostEvents';

/** The event ids this module reads. */
export const FILE_IDS = ['11', '23', '26', '4663'];

/** Ransom notes' names (Conti readme.txt, LockBit Restore-My-Files.txt, Ryuk RyukReadMe, BlackCat RECOVER-…-FILES.txt, Phobos info.hta …). */
const NOTE = /(?:^|[-_!.\s])(?:read[-_ ]?me|how[-_ ]?to[-_ ]?(?:decrypt|recover|restore|back)|decrypt|restore[-_ ]?(?:my[-_ ]?)?files|recover[-_ ]?(?:my[-_ ]?)?files|recover[-_ ]?[\w-]*files|ransom|your[-_ ]?files|files[-_ ]?encrypted|unlock[-_ ]?files)[^\\/]*\.(?:txt|html?|hta|rtf)$/i;
/** Documents, data and backups whose name got a second extension: the original one kept, a new one added. */
const RENAMED = /\.(?:docx?|xlsx?|pptx?|pdf|jpe?g|png|txt|csv|zip|rar|7z|sql|mdf|ldf|bak|vhdx?|vmdk|pst|msg|dwg|psd)\.([a-z0-9_-]{2,16})$/i;
/** Second extensions ordinary software writes: a download, a temp file, an old copy, a backup. */
const ORDINARY = /^(?:tmp|temp|part|crdownload|download|partial|bak|old|orig|backup|lnk|url|lock|swp|~[\w$]*|\d{1,3}|gz|bz2|xz|zip|7z|gpg|pgp|asc|sig|sha256|md5)$/i;

/** The basename and folder of a Windows path. */
function split(path: string): { name: string; folder: string } {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return { name: path.slice(i + 1), folder: i > 0 ? path.slice(0, i) : '' };
}

/** What a written file is to ransomware's story: a note, a document with a new extension, or nothing. */
export function fileSign(path: string): { what: 'note' | 'renamed'; extension: string; folder: string; name: string } | null {
  const { name, folder } = split(path.trim());
  // a file name is at most 255 characters: a longer one is no file's, and the patterns need not scan it
  if (name.length > 255) return null;
  if (NOTE.test(name) && !/\\(?:Program Files(?: \(x86\))?|Windows|ProgramData\\Microsoft)\\/i.test(`${folder}\\`)) return { what: 'note', extension: name.slice(name.lastIndexOf('.')).toLowerCase(), folder, name };
  const ext = RENAMED.exec(name)?.[1];
  if (ext && !ORDINARY.test(ext)) return { what: 'renamed', extension: `.${ext.toLowerCase()}`, folder, name };
  return null;
}

type Get = (...names: string[]) => string | null;
type Label = (text: string, name: string) => string | null;

/** The file event of a Sysmon 11/23/26 or Security 4663 row, or null when the file is none of ransomware's. */
export function fileEvent(at: { id: number; eventId: string; ts: number | null; computer: string | null; user: string | null }, extra: string, msg: string, get: Get, label: Label): HostEvent | null {
  const sysmon = at.eventId !== '4663';
  const path = sysmon ? (get('TargetFilename') ?? label(msg, 'TargetFilename')) : (get('ObjectName') ?? label(msg, 'Object Name'));
  if (!path) return null;
  // Security 4663: only a file written or deleted (WriteData 0x2, AppendData 0x4, DELETE 0x10000)
  if (!sysmon && !/0x(?:[0-9a-f]*[2367abef]|1[0-9a-f]{4})\b|WriteData|AppendData|DELETE/i.test(`${get('AccessMask') ?? ''} ${get('AccessList') ?? ''} ${label(msg, 'Accesses') ?? ''}`)) return null;
  const sign = fileSign(path);
  if (!sign) return null;
  const image = get('Image', 'ProcessName') ?? label(msg, 'Image') ?? label(msg, 'Process Name');
  const user = get('User') ?? (sysmon ? label(msg, 'User') : null) ?? at.user;
  return { id: at.id, kind: 'fileWrite', eventId: at.eventId, ts: at.ts, computer: at.computer, user, image, target: sign.name, task: sign.folder, group: sign.what, command: sign.extension, disabled: at.eventId === '23' || at.eventId === '26' };
}

/** Whether a kept host event is one of the bulk ones a busy machine may log by the thousand (reconnaissance commands, files written), which may fill only part of the list. */
export const bulkEvent = (h: HostEvent): boolean => !!h.discovery || h.kind === 'fileWrite';

/** SQL: a row that may be one of fileEvent's (the names are case-blind in JS; these are the spellings notes and renamed documents use). */
export const FILE_EVENT_SQL =
  "((instr(extra, 'TargetFilename') > 0 OR instr(extra, '4663') > 0 OR instr(COALESCE(message, ''), 'TargetFilename:') > 0) AND (instr(extra, 'READ') > 0 OR instr(extra, 'ead') > 0 OR instr(extra, 'ECRYPT') > 0 OR instr(extra, 'ecrypt') > 0 OR instr(extra, 'ECOVER') > 0 OR instr(extra, 'ecover') > 0 OR instr(extra, 'ESTORE') > 0 OR instr(extra, 'estore') > 0 OR instr(extra, 'ANSOM') > 0 OR instr(extra, 'ansom') > 0 OR instr(extra, '.docx.') > 0 OR instr(extra, '.xlsx.') > 0 OR instr(extra, '.pdf.') > 0 OR instr(extra, '.doc.') > 0 OR instr(extra, '.xls.') > 0 OR instr(extra, '.jpg.') > 0 OR instr(extra, '.txt.') > 0 OR instr(extra, '.csv.') > 0 OR instr(extra, '.pptx.') > 0 OR instr(extra, '.zip.') > 0 OR instr(extra, '.bak.') > 0 OR instr(extra, '.sql.') > 0 OR instr(COALESCE(message, ''), 'TargetFilename:') > 0))";
