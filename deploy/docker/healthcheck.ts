// Container health check (Dockerfile HEALTHCHECK, compose healthcheck): GET /readyz on the ops HTTP port of
// the service(s) running in this container. Exit 0 when every one answers 200, 1 otherwise.
//
//   node --import tsx deploy/docker/healthcheck.ts [service...]
//
// Without arguments the services are found from the running processes (`services/<name>/src/main.ts` in a
// command line), so one image-level HEALTHCHECK works whatever command the container runs. Ports come from
// the same configuration the services read (config file + SLUICE__ overrides in this container's environment).
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSection, readRawConfig, servicesSchema, type ServicesConfig } from '@sluice/service-kit';

const SERVICE_IN_COMMAND = /services[\\/]([a-z]+)[\\/]src[\\/]main\.ts/;

/** Service names found in the command lines under `procDir` (Linux /proc). */
export function runningServices(procDir = '/proc'): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`${procDir}/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // the process ended while we looked
    }
    const match = SERVICE_IN_COMMAND.exec(commandLine);
    if (match?.[1]) found.add(match[1]);
  }
  return [...found].sort();
}

/** The ops HTTP port of `name` under this environment's configuration. */
export function readinessPort(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const { raw, file } = readRawConfig({ env });
  const services = parseSection(raw, 'services', servicesSchema, file);
  const address = services[name as keyof ServicesConfig];
  if (!address) throw new Error(`unknown service "${name}" (known: ${Object.keys(services).join(', ')})`);
  return address.http_port;
}

function getStatus(port: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/readyz', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

async function main(): Promise<number> {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : runningServices();
  if (names.length === 0) {
    console.error('healthcheck: no Sluice service runs in this container');
    return 1;
  }
  let healthy = true;
  for (const name of names) {
    const port = readinessPort(name);
    const status = await getStatus(port, 3000);
    if (status !== 200) {
      console.error(`healthcheck: ${name} /readyz on port ${port} answered ${status || 'nothing'}`);
      healthy = false;
    }
  }
  return healthy ? 0 : 1;
}

// Run only as a script, not when a test imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`healthcheck: ${error.message}`);
      process.exit(1);
    },
  );
}
