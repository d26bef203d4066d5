// Original file: protos/sluice/v1/collector.proto


export interface ListSourcesRequest {
}

export interface ListSourcesRequest__Output {
}
