// Type-checked by scripts/interop.sh with tsc --strict: open enumerations (known values, any string
// accepted) are plain strings in both TypeScript outputs, and the typescript-fetch client takes
// the signature from its usual request hook (a middleware), with no placeholder in any call.
import type { components } from "./openapi";
import type { AntomResultReceived, InquireVaultingResponse } from "./fetch/models";
import { Configuration, VaultingApi } from "./fetch";
import { signing } from "./signing_middleware";

declare const fromOpenapiTypescript: components["schemas"]["AntomResultReceived"];
declare const fromFetch: AntomResultReceived;
declare const inquired: InquireVaultingResponse;

export const statusA: string = fromOpenapiTypescript.resultStatus;
export const statusB: string = fromFetch.resultStatus;
export const vaultingStatus: string | undefined = inquired.vaultingStatus;
export const isSuccess: boolean = fromFetch.resultStatus === "S";

export const api = new VaultingApi(
    new Configuration({ basePath: "https://example.invalid/ams/sandbox/api", middleware: [signing(() => "")] }),
);
export const call = (clientId: string, requestTime: string) =>
    api.inquireVaulting({ clientId, requestTime, inquireVaultingRequest: { vaultingRequestId: "x" } });
