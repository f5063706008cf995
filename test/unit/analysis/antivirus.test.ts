// Microsoft Defender's own log: detections by what they are, protection switched off and
// exclusions of writable folders, each beside the events that look like them.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import * as D from './antivirus/defender';

afterAll(cleanupPlanted);

describe('antivirus: Microsoft Defender detections and switches', () => {
  it('rates an intruder tool and an unremoved trojan high, adware low, EICAR info; protection off and a Users\\Public exclusion high, a vendor folder medium', async () => {
    const found = await analysePlanted('antivirus', (dir) => {
      const { put, files } = logFiles(dir);
      put('defender-evtxecmd.csv', D.defenderEvtx());
      put('fs02-defender-export.csv', D.defenderExport());
      return files;
    });
    const av = found.filter((f) => f.detector === 'antivirus');
    expect(av.map((f) => `${f.severity}:${f.entity}`).sort(), listFindings(av)).toEqual(
      [
        'high:HackTool:Win32/Mimikatz!pz@WS07.corp.example.com',
        'high:Trojan:Win32/Emotet.RPX!MTB@WS14.corp.example.com',
        'low:PUA:Win32/Presenoker@WS12.corp.example.com',
        'info:Virus:DOS/EICAR_Test_File@WS13.corp.example.com',
        'high:FS02.corp.example.com: protection off',
        'high:paths: C:\\Users\\Public@FS02.corp.example.com',
        'medium:paths: C:\\Program Files\\Veeam\\Backup@FS02.corp.example.com',
      ].sort(),
    );
    const mimi = av.find((f) => f.entity.startsWith('HackTool'))!;
    expect(mimi.explanation).toMatch(/C:\\Users\\Public\\m64\.exe/);
    expect(mimi.explanation).toMatch(/action: Quarantine\./);
    expect(mimi.explanation).toMatch(/removing the file does not end the intrusion/);
    expect(mimi.explanation).toMatch(/CORP\\jdoe/);
    expect(mimi.evidence.count).toBe(2);
    const emotet = av.find((f) => f.entity.startsWith('Trojan'))!;
    expect(emotet.title).toMatch(/could not remove/);
    expect(av.find((f) => f.entity.endsWith('protection off'))!.title).toMatch(/real-time protection turned off/);
  }, 60_000);
});
