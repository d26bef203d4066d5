// Original file: protos/sluice/v1/persistence.proto


export interface RecordSourceErrorResponse {
}

export interface RecordSourceErrorResponse__Output {
}
