// The request hook of openapi-generator's typescript-fetch client that signs each call: type-checked
// by scripts/interop.sh through open_enums.ts, and run against the emulator by run_fetch_client.ts.
import type { Middleware } from "./fetch";

/** Signs the exact body text the client sends; `sign` computes the header value. */
export function signing(sign: (path: string, requestTime: string, body: string) => string): Middleware {
    return {
        async pre(context) {
            const headers = new Headers(context.init.headers);
            const body = typeof context.init.body === "string" ? context.init.body : "";
            const path = new URL(context.url).pathname;
            headers.set("Signature", sign(path, headers.get("Request-Time") ?? "", body));
            return { url: context.url, init: { ...context.init, headers } };
        },
    };
}
