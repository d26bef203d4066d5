// The Inference gRPC service: a thin translation between protobuf messages and InferenceCore.
import { grpc } from '@sluice/protocol';
import type {
  ClassifyRequest__Output,
  ClassifyResponse,
  ClassifyResult,
  EmbedRequest__Output,
  EmbedResponse,
  InferRequest__Output,
  InferResponse,
  ListModelsResponse,
  SimilarityRequest__Output,
  SimilarityResponse,
  TextInput__Output,
} from '@sluice/protocol';
import { InferenceError, asInferenceError, toServiceError } from './errors.js';
import type { InferenceCore, RequestOptions, TextIn } from './inference-core.js';

/** The caller's deadline as a performance.now() time (or the default when the call has none). */
function deadlineOf(call: { getDeadline(): grpc.Deadline }, defaultSeconds: number): number {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : Number(deadline);
  const remaining = Number.isFinite(ms) && ms > 0 ? ms - Date.now() : defaultSeconds * 1000;
  return performance.now() + remaining;
}

function textInputs(inputs: TextInput__Output[]): TextIn[] {
  return inputs.map((i) => ({ id: i.id, text: i.text, content_hash: i.content_hash, priority: i.priority }));
}

export async function embedResponse(
  core: InferenceCore,
  request: EmbedRequest__Output,
  options: RequestOptions,
): Promise<EmbedResponse> {
  const { model, outcomes } = await core.embed(request.model, textInputs(request.inputs), options);
  const response: EmbedResponse = {
    model,
    results: outcomes.map((o, i) => {
      const id = request.inputs[i]!.id;
      return 'error' in o ? { id, error: o.error.code } : { id, values: Array.from(o.values), timing: o.timing };
    }),
  };
  throwIfAllExpired(outcomes);
  return response;
}

export async function classifyResponse(
  core: InferenceCore,
  request: ClassifyRequest__Output,
  options: RequestOptions,
): Promise<ClassifyResponse> {
  const results = await core.classify(request.models, textInputs(request.inputs), options);
  throwIfAllExpired(results.flat());
  return {
    results: results.map((perModel, i): ClassifyResult => {
      const id = request.inputs[i]!.id;
      const failed = perModel.find((c) => 'error' in c);
      const timing = perModel.reduce(
        (t, c) =>
          'timing' in c
            ? {
                queue_ns: Math.max(t.queue_ns, c.timing.queue_ns),
                tokenization_ns: t.tokenization_ns + c.timing.tokenization_ns,
                inference_ns: t.inference_ns + c.timing.inference_ns,
              }
            : t,
        { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 },
      );
      return {
        id,
        classifications: perModel.flatMap((c) =>
          'labels' in c ? [{ model: c.model, task: c.task, labels: c.labels }] : [],
        ),
        timing,
        error: failed && 'error' in failed ? failed.error.code : '',
      };
    }),
  };
}

/** A request whose every input expired is DEADLINE_EXCEEDED as a whole. */
function throwIfAllExpired(outcomes: Array<{ error: InferenceError } | object>): void {
  const errors = outcomes.map((o) => ('error' in o ? (o as { error: InferenceError }).error : undefined));
  if (errors.length > 0 && errors.every((e) => e?.code === 'expired')) throw errors[0]!;
  if (errors.length > 0 && errors.every((e) => e?.code === 'cancelled')) throw errors[0]!;
}

/** Rows of equal length as one row-major matrix (the similarity graph's input). */
function packRows(vectors: Array<{ values: number[] }>, width: number): Float32Array {
  const out = new Float32Array(vectors.length * width);
  vectors.forEach((v, r) => out.set(v.values, r * width));
  return out;
}

export async function similarityResponse(
  core: InferenceCore,
  request: SimilarityRequest__Output,
): Promise<SimilarityResponse> {
  const width = request.queries[0]?.values.length ?? request.profiles[0]?.values.length ?? 0;
  if ([...request.queries, ...request.profiles].some((v) => v.values.length !== width))
    throw new InferenceError('invalid_input', 'all query and profile vectors must have the same length');
  if (request.top_k < 0) throw new InferenceError('invalid_input', 'top_k must not be negative');
  const rows = request.queries.length;
  const columns = request.profiles.length;
  const out = await core.similarity({
    queries: packRows(request.queries, width),
    keys: packRows(request.profiles, width),
    rows,
    keyRows: columns,
    dimensions: width,
    topK: request.top_k,
  });
  const base = { rows, columns, k: out.k, execution_provider: out.provider };
  if (request.top_k > 0)
    return { ...base, scores: [], top_scores: Array.from(out.scores), top_indices: Array.from(out.indices) };
  // Empty inputs make no run: zeros of the right shape (a zero-width vector has no direction).
  const scores = out.scores.length === rows * columns ? out.scores : new Float32Array(rows * columns);
  return { ...base, scores: Array.from(scores), top_scores: [], top_indices: [] };
}

export function listModelsResponse(core: InferenceCore): ListModelsResponse {
  return { models: core.describeModels() };
}

function unaryHandler<Req, Res>(handle: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res) {
  return (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
    Promise.resolve()
      .then(() => handle(call.request, call))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error)),
      );
  };
}

export function inferenceServiceImplementation(
  core: InferenceCore,
  options: { defaultDeadlineSeconds: number; reload: () => Promise<void> },
): grpc.UntypedServiceImplementation {
  const requestOptions = (call: grpc.ServerUnaryCall<unknown, unknown>): RequestOptions => {
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort());
    return { deadline: deadlineOf(call, options.defaultDeadlineSeconds), signal: abort.signal };
  };
  return {
    Embed: unaryHandler<EmbedRequest__Output, EmbedResponse>((request, call) =>
      embedResponse(core, request, requestOptions(call)),
    ),
    Classify: unaryHandler<ClassifyRequest__Output, ClassifyResponse>((request, call) =>
      classifyResponse(core, request, requestOptions(call)),
    ),
    Similarity: unaryHandler<SimilarityRequest__Output, SimilarityResponse>((request) =>
      similarityResponse(core, request),
    ),
    ListModels: unaryHandler(() => listModelsResponse(core)),
    ReloadModels: unaryHandler(async () => {
      await options.reload();
      return listModelsResponse(core);
    }),
    Infer: (call: grpc.ServerDuplexStream<InferRequest__Output, InferResponse>) => {
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      call.on('error', () => abort.abort());
      let open = 0;
      let ended = false;
      const maybeEnd = () => {
        if (ended && open === 0 && !abort.signal.aborted) call.end();
      };
      call.on('data', (request: InferRequest__Output) => {
        open += 1;
        const opts: RequestOptions = {
          deadline: deadlineOf(call, options.defaultDeadlineSeconds),
          signal: abort.signal,
        };
        const work = async (): Promise<InferResponse> => {
          if (request.embed)
            return { request_id: request.request_id, embed: await embedResponse(core, request.embed, opts) };
          if (request.classify)
            return { request_id: request.request_id, classify: await classifyResponse(core, request.classify, opts) };
          if (request.similarity)
            return { request_id: request.request_id, similarity: await similarityResponse(core, request.similarity) };
          throw new InferenceError('invalid_input', 'the request sets none of embed, classify, similarity');
        };
        work()
          .catch((error: unknown): InferResponse => {
            const e = asInferenceError(error);
            return { request_id: request.request_id, error_code: e.grpcStatusName, error_message: e.message };
          })
          .then((response) => {
            if (!abort.signal.aborted) call.write(response);
            open -= 1;
            maybeEnd();
          });
      });
      call.on('end', () => {
        ended = true;
        maybeEnd();
      });
    },
  };
}
