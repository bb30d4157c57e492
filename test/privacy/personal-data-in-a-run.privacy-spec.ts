/**
 * No personal data outside party-service after a real run: the end-to-end stacks searched their databases (every
 * service's but party-service's) and their workflows' histories as they stopped (town-stack.ts), and this tier checks
 * what they recorded, then searches every log of the run — services, worker, console, PostgreSQL, Kafka, Temporal.
 * What is searched for: national ID and phone numbers by pattern, and the names of the parties the stacks registered.
 *
 * Each search is first shown a planted value in the same kind of place and must find it, so none can pass blind.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { createTestDatabase, testStack } from '@gongzhi/testing';
import { e2eLogDir, partyNamesFile, privacyScansFile, type StackPrivacyScan } from '../e2e/support/town-stack';
import { type Finding, personalDataIn, scanDatabase, scanHistories, scanLines } from './personal-data-scan';

/** Planted values: a valid-looking resident ID, a mobile number and a name, none of them anyone's. */
const PLANTED = { nationalId: '110105198503060017', phone: '13900139000', name: '欧阳植入' };

describe('each search finds a planted value', () => {
  it('in text: every kind, and not in ids', () => {
    expect(personalDataIn(`身份证 ${PLANTED.nationalId}`, [])).toEqual(['national-id']);
    expect(personalDataIn(`tel:${PLANTED.phone}`, [])).toEqual(['phone']);
    expect(personalDataIn(`申请人${PLANTED.name}`, [PLANTED.name])).toEqual(['party-name']);
    expect(personalDataIn('case 00000000-0000-4000-8000-a13900139000', [])).toEqual([]);
    expect(personalDataIn(`hash ${'ab'.repeat(10)}13900139000${'cd'.repeat(10)}`, [])).toEqual([]);
  });

  it('in a database table', async () => {
    const db = await createTestDatabase('case');
    try {
      const client = new PgClient({ connectionString: db.url });
      await client.connect();
      await client.query('CREATE TABLE planted (note text, summary text)');
      await client.query('INSERT INTO planted VALUES ($1, $1)', [`请回电 ${PLANTED.phone}`]);
      await client.end();
      // Found in every column but the one named as free text.
      const scan = await scanDatabase(db.url, [], ['planted.summary']);
      expect(scan.findings).toEqual([{ where: `${db.name}.planted.note row 1`, kind: 'phone' }]);
    } finally {
      await db.drop();
    }
  });

  it('in a workflow history', async () => {
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    const client = new Client({ connection });
    // Never run (no worker polls its queue): its start event alone holds the input.
    const workflowId = `privacy-control-${randomUUID()}`;
    const handle = await client.workflow.start('plantedControl', {
      taskQueue: workflowId,
      workflowId,
      args: [{ applicant: PLANTED.name }],
    });
    try {
      const scan = await scanHistories(connection, [workflowId], [PLANTED.name]);
      expect(scan.findings).toEqual([{ where: `workflow ${workflowId} event 1`, kind: 'party-name' }]);
    } finally {
      await handle.terminate('privacy control done');
      await connection.close();
    }
  });

  it('in a log', () => {
    const log = `{"level":40,"msg":"ok"}\n{"level":50,"msg":"lookup failed for ${PLANTED.nationalId}"}\n`;
    expect(scanLines('planted.log', log, []).findings).toEqual([{ where: 'planted.log:2', kind: 'national-id' }]);
  });
});

describe('what the end-to-end run left outside party-service', () => {
  const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

  it('holds no national ID number, phone number or registered party name', async () => {
    const scans = (await lines(privacyScansFile())).map((line) => JSON.parse(line) as StackPrivacyScan);
    const names = [...new Set(await lines(partyNamesFile()))];
    // Run after the end-to-end tier: its stacks record their scans as they stop.
    expect(scans.length).toBeGreaterThan(0);

    const findings: Finding[] = [];
    let rows = 0;
    let events = 0;
    for (const scan of scans) {
      for (const database of scan.databases) {
        rows += database.read;
        findings.push(...database.findings);
      }
      events += scan.histories.read;
      findings.push(...scan.histories.findings);
    }

    const logDir = e2eLogDir();
    const logs = (await readdir(logDir)).filter((name) => name.endsWith('.log'));
    let logLines = 0;
    for (const name of logs) {
      const scan = scanLines(name, await readFile(path.join(logDir, name), 'utf8'), names);
      logLines += scan.read;
      findings.push(...scan.findings);
    }

    // The searches read real traffic — parties registered, rows written, workflows run, logs kept — so a leak had
    // somewhere to show up.
    expect(names.length).toBeGreaterThan(0);
    expect(rows).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
    expect(logLines).toBeGreaterThan(0);
    // Where and what kind only: the value found stays out of the test report too.
    expect(findings).toEqual([]);

    // Read and clean: the next run records its own.
    await rm(privacyScansFile(), { force: true });
    await rm(partyNamesFile(), { force: true });
  });
});
