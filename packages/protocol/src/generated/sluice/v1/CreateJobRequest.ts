// Original file: protos/sluice/v1/admin.proto


export interface CreateJobRequest {
  'kind'?: (string);
  /**
   * Must be valid JSON (an object); "{}" when empty.
   */
  'params_json'?: (string);
}

export interface CreateJobRequest__Output {
  'kind': (string);
  /**
   * Must be valid JSON (an object); "{}" when empty.
   */
  'params_json': (string);
}
