// Original file: protos/sluice/v1/inference.proto


export interface ListModelsRequest {
}

export interface ListModelsRequest__Output {
}
