// Original file: protos/sluice/v1/collector.proto


export interface SourceInfo {
  'id'?: (string);
  'kind'?: (string);
  'enabled'?: (boolean);
  'priority'?: (number);
  'interval_seconds'?: (number);
  /**
   * The source's configuration as JSON (secrets omitted).
   */
  'config_json'?: (string);
  /**
   * "config" (declared in the YAML file) or "api" (a source definition managed through the gateway and stored
   * by persistence, see admin.proto).
   */
  'origin'?: (string);
}

export interface SourceInfo__Output {
  'id': (string);
  'kind': (string);
  'enabled': (boolean);
  'priority': (number);
  'interval_seconds': (number);
  /**
   * The source's configuration as JSON (secrets omitted).
   */
  'config_json': (string);
  /**
   * "config" (declared in the YAML file) or "api" (a source definition managed through the gateway and stored
   * by persistence, see admin.proto).
   */
  'origin': (string);
}
