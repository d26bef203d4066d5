// A collector asked to shut down while RunSources is reading a bulk file: the caller must learn that the run
// stopped before the end (an error, never done = true), so it runs again and resumes from the checkpoint.
// Found by the chaos suite: a SIGTERMed collector reported a half-read JSONL source as done.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, deadlineIn, grpc, runService, type RunningService, type RunProgress__Output } from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { buildCollectorService } from '../src/service.js';
import { collectorSettingsSchema } from '../src/settings.js';
import { collectorOnlyServices, startSink, type TestSink } from './helpers.js';

const RECORDS = 3_000;
let sink: TestSink;
let service: RunningService;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-collector-shutdown-'));
  sink = await startSink({ delayMs: 100 }); // slow enough that the run is still going when the shutdown comes
  const lines = Array.from({ length: RECORDS }, (_, i) =>
    JSON.stringify({ id: `doc-${i}`, title: `Document ${i}`, content: `Text ${i}` }),
  );
  writeFileSync(path.join(dir, 'big.jsonl'), `${lines.join('\n')}\n`);
  const config = {
    services: collectorOnlyServices(sink.address),
    log: { level: 'silent' },
    collector: {
      state_store: 'memory',
      max_in_flight_items: 200,
      sources: [{ id: 'big', kind: 'jsonl', path: path.join(dir, 'big.jsonl'), batch_size: 50 }],
    },
  };
  const file = path.join(dir, 'sluice.yaml');
  writeFileSync(file, YAML.stringify(config));
  service = await runService('collector', collectorSettingsSchema, buildCollectorService, {
    configFile: file,
    env: {},
    exitOnShutdown: false,
  });
});

afterAll(async () => {
  await service?.stop();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collector shutdown during RunSources', () => {
  it('ends the run with UNAVAILABLE naming the interrupted source instead of reporting it done', async () => {
    const client = connect('Collector', `127.0.0.1:${service.grpc.port}`);
    const messages: RunProgress__Output[] = [];
    const ended = new Promise<{ error?: grpc.ServiceError }>((resolve) => {
      const call = client.RunSources({ source_ids: ['big'], wait_until_done: true }, { deadline: deadlineIn(60_000) });
      call.on('data', (m: RunProgress__Output) => {
        messages.push(m);
        if (m.acknowledged > 0 && messages.filter((x) => x.acknowledged > 0).length === 1) void service.stop();
      });
      call.on('error', (error: grpc.ServiceError) => resolve({ error }));
      call.on('end', () => resolve({}));
    });
    const { error } = await ended;
    client.close();
    expect(messages.some((m) => m.done)).toBe(false);
    expect(error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(error?.details).toMatch(/shutting down: big stopped before the end/);
    expect(sink.items.length).toBeLessThan(RECORDS);
  });
});
