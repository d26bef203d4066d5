// An inference service process for the benchmarks: one embedding model, no classifiers, no cache, admission
// wide open (the benchmark's callers are the load), on the given device.
import { connect, type InferenceClient } from '@sluice/protocol';
import { freePort, spawnService, waitUntilServing, type ServiceProcess } from '@sluice/stack';

export async function startInference(
  model: string,
  device: string,
): Promise<{ proc: ServiceProcess; client: InferenceClient; metricsUrl: string }> {
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  const address = `127.0.0.1:${grpcPort}`;
  const proc = spawnService('inference', {
    env: {
      ...process.env,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: address,
      SLUICE__SERVICES__INFERENCE__HTTP_PORT: String(httpPort),
      SLUICE__INFERENCE__EMBEDDING_MODEL: model,
      SLUICE__INFERENCE__CLASSIFIER_MODELS: '[]',
      SLUICE__INFERENCE__CACHE_MAX_MEGABYTES: '0',
      SLUICE__INFERENCE__MAX_IN_FLIGHT_INPUTS: '100000',
      SLUICE__INFERENCE__DEVICE: device,
    },
  });
  await waitUntilServing(proc, address, 180_000);
  return {
    proc,
    client: connect('Inference', address),
    metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
  };
}
