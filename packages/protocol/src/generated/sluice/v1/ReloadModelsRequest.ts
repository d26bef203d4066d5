// Original file: protos/sluice/v1/inference.proto


export interface ReloadModelsRequest {
}

export interface ReloadModelsRequest__Output {
}
