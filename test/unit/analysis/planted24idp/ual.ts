// The Microsoft 365 Unified Audit Log of the day, as Purview's Audit search exports it (RecordId,
// CreationDate, RecordType, Operation, UserId, AuditData, AssociatedAdminUnits, AssociatedAdminUnitsNames;
// AuditData the record as JSON text). Staff read mail and files and make a few rules of their own;
// an administrator forwards a colleague's mail to another colleague; the taken-over mailbox hides
// and forwards payment mail, and a mail app is consented to.
import { at, DOMAIN, guid, HOPPER, OFFICE, rng, SPRAY, SPRAYED, TOR, USERS } from './day';

type Param = { Name: string; Value: string };
const HEAD = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames';
const ORG = 'a1b2c3d4-0000-4000-8000-00000000c0de';
/** the attacker's address, as Exchange writes it (with the client's port) */
export const THIEF = SPRAY[1];
export const FORWARD_TO = 'accounts-payable@c0ntoso-billing.example';
export const RULE_TO = 'd.archive@proton.example';
export const ADMIN = `judy@${DOMAIN}`;

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const created = (ts: number): string => new Date(ts).toISOString().replace('.000Z', '.0000000Z').replace(/\.(\d{3})Z$/, '.$10000Z');

interface Rec { ts: number; type: number; op: string; user: string; data: Record<string, unknown> }

function exchange(r: () => number, ts: number, op: string, user: string, ip: string, params: Param[], objectId: string): Rec {
  return { ts, type: 1, op, user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: op, OrganizationId: ORG, RecordType: 1, ResultStatus: 'True', UserKey: `10032000${Math.floor(r() * 1e8)}`, UserType: user === ADMIN ? 2 : 0, Version: 1, Workload: 'Exchange', ClientIP: `${ip}:${40000 + Math.floor(r() * 20000)}`, ObjectId: objectId, UserId: user, AppId: '00000002-0000-0ff1-ce00-000000000000', ClientAppId: '', ExternalAccess: false, OrganizationName: 'contoso.onmicrosoft.com', OriginatingServer: 'AM6PR01MB1234 (15.20.7409.000)', Parameters: params, SessionId: guid(r) } };
}

function mailAccessed(r: () => number, ts: number, user: string, ip: string, items: number, kind: 'Bind' | 'Sync'): Rec {
  return { ts, type: 50, op: 'MailItemsAccessed', user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: 'MailItemsAccessed', OrganizationId: ORG, RecordType: 50, ResultStatus: 'Succeeded', UserKey: `10032000${Math.floor(r() * 1e8)}`, UserType: 0, Version: 1, Workload: 'Exchange', UserId: user, AppId: '00000002-0000-0ff1-ce00-000000000000', ClientAppId: '13937bba-652e-4c46-b222-3003f4d1ff97', ClientIPAddress: ip, ClientInfoString: 'Client=OWA;Action=ViaProxy', ExternalAccess: false, InternalLogonType: 0, LogonType: 0, LogonUserSid: 'S-1-5-21-1111-2222-3333-1001', MailboxGuid: guid(r), MailboxOwnerSid: 'S-1-5-21-1111-2222-3333-1001', MailboxOwnerUPN: user, OperationProperties: [{ Name: 'MailAccessType', Value: kind }, { Name: 'IsThrottled', Value: 'False' }], OrganizationName: 'contoso.onmicrosoft.com', OriginatingServer: 'AM6PR01MB1234 (15.20.7409.000)', Folders: [{ FolderItems: Array.from({ length: items }, () => ({ InternetMessageId: `<${guid(r)}@${DOMAIN}>`, SizeInBytes: 20000 + Math.floor(r() * 90000) })), Id: 'LgAAAAAdhAMRqmYRzZvIAKoAL8RaAQA', Path: '\\Inbox' }], OperationCount: items } };
}

function login(r: () => number, ts: number, op: 'UserLoginFailed' | 'UserLoggedIn', user: string, ip: string, code: string, error: string | null): Rec {
  return { ts, type: 15, op, user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: op, OrganizationId: ORG, RecordType: 15, ResultStatus: 'Success', UserKey: guid(r), UserType: 0, Version: 1, Workload: 'AzureActiveDirectory', ClientIP: ip, ObjectId: '00000002-0000-0ff1-ce00-000000000000', UserId: user, AzureActiveDirectoryEventType: 1, ExtendedProperties: [{ Name: 'ResultStatusDetail', Value: op === 'UserLoggedIn' ? 'Redirect' : 'Success' }, { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0' }, { Name: 'RequestType', Value: 'Login:login' }], ModifiedProperties: [], Actor: [{ ID: guid(r), Type: 0 }, { ID: user, Type: 5 }], ActorContextId: ORG, ActorIpAddress: ip, InterSystemsId: guid(r), IntraSystemId: guid(r), SupportTicketId: '', Target: [{ ID: guid(r), Type: 0 }], TargetContextId: ORG, ApplicationId: '4765445b-32c6-49b0-83e6-1d93765276ca', DeviceProperties: [{ Name: 'OS', Value: 'Windows 10' }, { Name: 'BrowserType', Value: 'Edge' }], ErrorNumber: code, ...(error ? { LogonError: error } : {}) } };
}

/** A rule made in Outlook or OWA: Exchange logs UpdateInboxRules with the rule as OperationProperties. */
function clientRule(r: () => number, ts: number, user: string, ip: string, name: string, condition: string, actions: string): Rec {
  return { ts, type: 1, op: 'UpdateInboxRules', user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: 'UpdateInboxRules', OrganizationId: ORG, RecordType: 2, ResultStatus: 'Succeeded', UserKey: `10032000${Math.floor(r() * 1e8)}`, UserType: 0, Version: 1, Workload: 'Exchange', ClientIP: ip, UserId: user, AppId: '00000002-0000-0ff1-ce00-000000000000', ClientAppId: '', ClientIPAddress: ip, ClientInfoString: 'Client=OWA;Action=ViaProxy', ExternalAccess: false, InternalLogonType: 0, LogonType: 0, LogonUserSid: 'S-1-5-21-1111-2222-3333-1006', MailboxGuid: guid(r), MailboxOwnerSid: 'S-1-5-21-1111-2222-3333-1006', MailboxOwnerUPN: user, OperationProperties: [{ Name: 'RuleName', Value: name }, { Name: 'RuleId', Value: String(Math.floor(r() * 1e17)) }, { Name: 'RuleState', Value: 'Enabled, ExitAfterExecution' }, { Name: 'RuleOperation', Value: 'AddMailboxRule' }, { Name: 'RuleSequence', Value: '10' }, { Name: 'RuleCondition', Value: condition }, { Name: 'RuleActions', Value: actions }], OrganizationName: 'contoso.onmicrosoft.com', OriginatingServer: 'AM6PR01MB1234 (15.20.7409.000)', Item: { Id: guid(r), ParentFolder: { Id: 'LgAAAAAdhAMRqmYRzZvIAKoAL8RaAQA', Path: '\\Inbox' } } } };
}

function consent(r: () => number, ts: number, user: string, app: string, scope: string): Rec {
  return { ts, type: 8, op: 'Consent to application.', user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: 'Consent to application.', OrganizationId: ORG, RecordType: 8, ResultStatus: 'Success', UserKey: `10032000${Math.floor(r() * 1e8)}@${DOMAIN}`, UserType: 0, Version: 1, Workload: 'AzureActiveDirectory', ObjectId: `ServicePrincipal_${guid(r)}`, UserId: user, AzureActiveDirectoryEventType: 1, ExtendedProperties: [{ Name: 'additionalDetails', Value: '{"User-Agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","AppId":"' + guid(r) + '"}' }, { Name: 'extendedAuditEventCategory', Value: 'ServicePrincipal' }], ModifiedProperties: [{ Name: 'ConsentContext.IsAdminConsent', NewValue: 'False', OldValue: '' }, { Name: 'ConsentContext.IsAppOnly', NewValue: 'False', OldValue: '' }, { Name: 'ConsentContext.OnBehalfOfAll', NewValue: 'False', OldValue: '' }, { Name: 'ConsentContext.Tags', NewValue: 'WindowsAzureActiveDirectoryIntegratedApp', OldValue: '' }, { Name: 'ConsentAction.Permissions', NewValue: `[] => [[Id: ${guid(r)}, ClientId: ${guid(r)}, PrincipalId: ${guid(r)}, ResourceId: ${guid(r)}, ConsentType: Principal, Scope:  ${scope}, CreatedDateTime: , LastModifiedDateTime ]]; `, OldValue: '' }, { Name: 'TargetId.ServicePrincipalNames', NewValue: guid(r), OldValue: '' }], Actor: [{ ID: user, Type: 5 }], ActorContextId: ORG, InterSystemsId: guid(r), IntraSystemId: guid(r), SupportTicketId: '', Target: [{ ID: `ServicePrincipal_${guid(r)}`, Type: 2 }, { ID: app, Type: 1 }], TargetContextId: ORG } };
}

function fileDownloaded(r: () => number, ts: number, user: string, ip: string, name: string): Rec {
  return { ts, type: 6, op: 'FileDownloaded', user, data: { CreationTime: new Date(ts).toISOString().slice(0, 19), Id: guid(r), Operation: 'FileDownloaded', OrganizationId: ORG, RecordType: 6, UserKey: `i:0h.f|membership|10032000@live.com`, UserType: 0, Version: 1, Workload: 'SharePoint', ClientIP: ip, ObjectId: `https://contoso.sharepoint.com/sites/finance/Shared Documents/${name}`, UserId: user, CorrelationId: guid(r), EventSource: 'SharePoint', ItemType: 'File', ListId: guid(r), Site: guid(r), UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', WebId: guid(r), SourceFileExtension: 'pdf', SiteUrl: 'https://contoso.sharepoint.com/sites/finance/', SourceFileName: name, SourceRelativeUrl: 'Shared Documents' } };
}

/** The day's audit records: staff, the administrator, and the thief in dave's mailbox. */
export function ualDay(): Rec[] {
  const r = rng(365);
  const out: Rec[] = [];
  USERS.forEach((user, i) => {
    // the morning sign-in: Entra asks for MFA or "keep me signed in" (UserLoginFailed with ErrorNumber 50074, 50140), then it works
    out.push(login(r, at(7, 40 + i), 'UserLoginFailed', user, OFFICE, i % 2 ? '50074' : '50140', i % 2 ? 'UserStrongAuthClientAuthNRequiredInterrupt' : 'KmsiInterrupt'));
    out.push(login(r, at(7, 41 + i), 'UserLoggedIn', user, OFFICE, '0', null));
    if (i % 3 === 0) out.push(login(r, at(12, 10 + i), 'UserLoginFailed', user, OFFICE, '50058', 'SsoArtifactInvalidOrExpired'), login(r, at(12, 11 + i), 'UserLoggedIn', user, OFFICE, '0', null));
    for (let h = 8; h < 17; h++) out.push(mailAccessed(r, at(h, (i * 7) % 60), user, OFFICE, 2 + (i % 4), 'Bind'));
    if (i % 4 === 0) out.push(fileDownloaded(r, at(10, i), user, OFFICE, `report-${i}.pdf`));
  });
  // staff's own rules: newsletters to a folder, a vacation forward to a colleague, a delete of a noisy alert
  out.push(exchange(r, at(9, 12), 'New-InboxRule', USERS[1], OFFICE, [{ Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' }, { Name: 'Force', Value: 'False' }, { Name: 'Name', Value: 'Newsletters' }, { Name: 'From', Value: 'news@vendor.example' }, { Name: 'MoveToFolder', Value: 'Newsletters' }, { Name: 'StopProcessingRules', Value: 'False' }], `${USERS[1]}\\Newsletters`));
  out.push(exchange(r, at(10, 3), 'New-InboxRule', USERS[0], OFFICE, [{ Name: 'Name', Value: 'Vacation to Olivia' }, { Name: 'ForwardTo', Value: `olivia@${DOMAIN}` }, { Name: 'StopProcessingRules', Value: 'False' }], `${USERS[0]}\\Vacation to Olivia`));
  out.push(exchange(r, at(11, 40), 'New-InboxRule', USERS[8], OFFICE, [{ Name: 'Name', Value: 'Backup alerts' }, { Name: 'SubjectContainsWords', Value: 'Backup succeeded' }, { Name: 'DeleteMessage', Value: 'True' }], `${USERS[8]}\\Backup alerts`));
  // the administrator forwards peggy's mail to olivia while peggy is on leave
  out.push(exchange(r, at(9, 30), 'Set-Mailbox', ADMIN, OFFICE, [{ Name: 'Identity', Value: `peggy@${DOMAIN}` }, { Name: 'ForwardingSmtpAddress', Value: `smtp:olivia@${DOMAIN}` }, { Name: 'DeliverToMailboxAndForward', Value: 'True' }], `peggy@${DOMAIN}`));
  // ivan files his project mail in Outlook; frank's mailbox, reached over Tor, hides payment mail in Conversation History
  out.push(clientRule(r, at(14, 2), USERS[8], OFFICE, 'Project Atlas', "(Subject Contains 'Atlas')", '[{"ActionType":"MoveToFolder","Folder":"Atlas"}]'));
  out.push(clientRule(r, at(14, 35), HOPPER, TOR, '...', "(Or (Subject Contains 'wire transfer') (Body Contains 'payment'))", '[{"ActionType":"MoveToFolder","Folder":"Conversation History"},{"ActionType":"MarkAsRead"}]'));
  // carol signs in to Zoom with her work account: the usual sign-in scopes
  out.push(consent(r, at(13, 5), USERS[2], 'Zoom', 'User.Read openid profile email offline_access'));
  // the thief in dave's mailbox, early morning: reads everything, hides payment mail, forwards it out
  const t0 = at(2, 45);
  for (let k = 0; k < 40; k++) out.push(mailAccessed(r, t0 + k * 15_000, SPRAYED, THIEF, 50 + (k % 7), 'Bind'));
  out.push(exchange(r, t0 + 12 * 60_000, 'New-InboxRule', SPRAYED, THIEF, [{ Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' }, { Name: 'Force', Value: 'False' }, { Name: 'MoveToFolder', Value: 'RSS Feeds' }, { Name: 'Name', Value: '.' }, { Name: 'SubjectOrBodyContainsWords', Value: 'invoice;payment;wire;bank details' }, { Name: 'MarkAsRead', Value: 'True' }, { Name: 'StopProcessingRules', Value: 'True' }], `${SPRAYED}\\.`));
  out.push(exchange(r, t0 + 13 * 60_000, 'New-InboxRule', SPRAYED, THIEF, [{ Name: 'Name', Value: '..' }, { Name: 'ForwardTo', Value: RULE_TO }, { Name: 'DeleteMessage', Value: 'True' }], `${SPRAYED}\\..`));
  out.push(exchange(r, t0 + 14 * 60_000, 'Set-Mailbox', SPRAYED, THIEF, [{ Name: 'Identity', Value: SPRAYED }, { Name: 'ForwardingSmtpAddress', Value: `smtp:${FORWARD_TO}` }, { Name: 'DeliverToMailboxAndForward', Value: 'True' }], SPRAYED));
  out.push(consent(r, t0 + 16 * 60_000, SPRAYED, 'Mail Sync Pro', 'Mail.ReadWrite Mail.Send MailboxSettings.ReadWrite Files.ReadWrite.All offline_access User.Read'));
  for (let k = 0; k < 150; k++) out.push(fileDownloaded(r, t0 + 20 * 60_000 + k * 4000, SPRAYED, THIEF, `invoice-${1000 + k}.pdf`));
  return out.sort((a, b) => a.ts - b.ts);
}

/** Purview's CSV export of those records. */
export function purviewCsv(recs: readonly Rec[]): string[] {
  const r = rng(11);
  return [HEAD, ...recs.map((x) => [guid(r), created(x.ts), String(x.type), x.op, x.user, JSON.stringify(x.data), '', ''].map(csvCell).join(','))];
}
