import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  call,
  connect,
  grpc,
  sluiceProto,
  startGrpcServer,
  type EmbedResponse__Output,
  type GrpcServer,
  type InferenceClient,
  type InferenceHandlers,
  type ListModelsResponse__Output,
  type PersistenceClient,
} from '@sluice/protocol';

let server: GrpcServer;
let client: InferenceClient;

beforeAll(async () => {
  const handlers: Pick<InferenceHandlers, 'Embed' | 'ListModels'> = {
    Embed: (request, callback) =>
      callback(null, {
        model: 'echo',
        results: request.request.inputs.map((input) => ({ id: input.id, values: [input.text.length] })),
      }),
    ListModels: (_request, callback) =>
      callback({ code: grpc.status.UNAVAILABLE, details: 'models are loading' } as grpc.ServiceError),
  };
  server = await startGrpcServer('127.0.0.1:0', [
    { name: 'sluice.v1.Inference', definition: sluiceProto().Inference.service, implementation: handlers },
  ]);
  client = connect('Inference', `127.0.0.1:${server.port}`);
});

afterAll(async () => {
  client.close();
  await server.shutdown(1_000);
});

describe('connect and call', () => {
  it('connect returns the generated client type of the service', () => {
    expectTypeOf(connect('Inference', 'localhost:1')).toEqualTypeOf<InferenceClient>();
    expectTypeOf(connect('Persistence', 'localhost:1')).toEqualTypeOf<PersistenceClient>();
  });

  it('call infers the response from the method name and resolves with it', async () => {
    const response = await call(client, 'Embed', { inputs: [{ id: 'a', text: 'four' }] }, 5_000);
    expectTypeOf(response).toEqualTypeOf<EmbedResponse__Output>();
    expect(response.model).toBe('echo');
    expect(response.results.map((r) => [r.id, r.values])).toEqual([['a', [4]]]);
  });

  it('call rejects with the server status', async () => {
    const failed = call(client, 'ListModels', {}, { deadline: new Date(Date.now() + 5_000) });
    expectTypeOf(failed).resolves.toEqualTypeOf<ListModelsResponse__Output>();
    await expect(failed).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE, details: 'models are loading' });
  });

  it('only unary methods of the client are accepted, with their own request type', () => {
    const typeOnly = () => {
      // @ts-expect-error Infer is a bidirectional stream, not a unary call
      void call(client, 'Infer', {}, 1);
      // @ts-expect-error close is grpc.Client's own method
      void call(client, 'close', {}, 1);
      // @ts-expect-error the request of Embed has no such field
      void call(client, 'Embed', { no_such_field: 1 }, 1);
    };
    expect(typeof typeOnly).toBe('function');
  });
});
