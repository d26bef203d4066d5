// Original file: protos/sluice/v1/persistence.proto


export interface ReleaseSourcesResponse {
}

export interface ReleaseSourcesResponse__Output {
}
