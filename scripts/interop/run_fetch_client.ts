// Run by scripts/interop.sh (compiled with tsc --strict to CommonJS, then run with node): the
// typescript-fetch client of openapi-generator, unedited, creates a session, vaults a card and
// inquires it against our emulator. Requests are signed by the `signing` middleware of
// signing_middleware.ts over the exact body text the client sends. Each answer's signature is checked over
// its exact bytes in a `post` middleware, before the generated code parses the answer.
//
// Usage: node run_fetch_client.js <openapi.json> <fixtures dir> <emulator base URL> <client id>
//        <merchant private key file> <Antom public key file>
//
// Node's own modules are declared here rather than typed through @types/node, which would be one
// more pinned package for three calls.
import {
    Configuration,
    CreateVaultingSessionRequestFromJSON,
    InquireVaultingRequestFromJSON,
    VaultPaymentMethodRequestFromJSON,
    VaultingApi,
    type Middleware,
} from "./fetch";
import { signing } from "./signing_middleware";

declare const require: (module: string) => any;
declare const process: { argv: string[]; exitCode?: number };
declare const Buffer: { from(data: string, encoding?: string): Uint8Array };

const crypto = require("crypto");
const fs = require("fs");

const [openapiPath, fixtures, baseUrl, clientId, merchantKeyFile, antomKeyFile] = process.argv.slice(2);

/** A key file the emulator writes: base64 DER. */
const der = (file: string) => Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
const privateKey = crypto.createPrivateKey({ key: der(merchantKeyFile), format: "der", type: "pkcs8" });
const antomKey = crypto.createPublicKey({ key: der(antomKeyFile), format: "der", type: "spki" });

/** `POST <path>\n<client id>.<time>.<body>`, as bytes. */
const stringToSign = (path: string, time: string, body: string) =>
    Buffer.from(`POST ${path}\n${clientId}.${time}.${body}`, "utf8");

/** The `signature=` part of a Signature header, percent- then base64-decoded. */
function signatureBytes(header: string): Uint8Array {
    const part = header
        .split(",")
        .map((p) => p.trim())
        .find((p) => p.startsWith("signature="));
    if (part === undefined) {
        throw new Error("the answer's Signature header has no signature= part");
    }
    return Buffer.from(decodeURIComponent(part.slice("signature=".length)), "base64");
}

const sent: string[] = [];
const sign = (path: string, requestTime: string, body: string) => {
    sent.push(body);
    const raw = crypto.sign("sha256", stringToSign(path, requestTime, body), privateKey);
    const encoded = encodeURIComponent(raw.toString("base64"));
    return `algorithm=RSA256,keyVersion=1,signature=${encoded}`;
};

/** Checks Antom's signature over the exact answer bytes; throws on a missing or wrong one. */
const verifying: Middleware = {
    async post(context) {
        const body = await context.response.clone().text();
        const time = context.response.headers.get("response-time") ?? "";
        const header = context.response.headers.get("signature") ?? "";
        const path = new URL(context.url).pathname;
        const ok = crypto.verify("sha256", stringToSign(path, time, body), antomKey, signatureBytes(header));
        if (!ok) {
            throw new Error(`the answer to ${path} does not carry Antom's signature`);
        }
        return context.response;
    },
};

async function main(): Promise<string[]> {
    const failures: string[] = [];
    const document = JSON.parse(fs.readFileSync(openapiPath, "utf8"));
    const sandbox = document.servers.find((s: { url: string }) => s.url.includes("sandbox"));
    const api = new VaultingApi(
        new Configuration({
            basePath: baseUrl + new URL(sandbox.url).pathname,
            middleware: [signing(sign), verifying],
        }),
    );
    const now = () => String(Date.now());
    const fixture = (name: string) => JSON.parse(fs.readFileSync(`${fixtures}/${name}/request.json`, "utf8"));
    const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const notifyUrl = "http://127.0.0.1:9/notify";

    const session = fixture("create_vaulting_session");
    Object.assign(session, { vaultingRequestId: unique("ts-session"), vaultingNotificationUrl: notifyUrl });
    const created = await api.createVaultingSession({
        clientId,
        requestTime: now(),
        createVaultingSessionRequest: CreateVaultingSessionRequestFromJSON(session),
    });
    if (created.result.resultStatus !== "S" || !created.vaultingSessionId) {
        failures.push(`createVaultingSession: ${created.result.resultCode}`);
    }

    const vault = fixture("vault_payment_method");
    const vaultId = unique("ts-vault");
    Object.assign(vault, { vaultingRequestId: vaultId, vaultingNotificationUrl: notifyUrl });
    const vaulted = await api.vaultPaymentMethod({
        clientId,
        requestTime: now(),
        vaultPaymentMethodRequest: VaultPaymentMethodRequestFromJSON(vault),
    });
    const token = vaulted.paymentMethodDetail?.card?.cardToken;
    if (vaulted.result.resultStatus !== "S" || !token) {
        failures.push(`vaultPaymentMethod: ${vaulted.result.resultCode}`);
    }

    const inquired = await api.inquireVaulting({
        clientId,
        requestTime: now(),
        inquireVaultingRequest: InquireVaultingRequestFromJSON({ vaultingRequestId: vaultId }),
    });
    if (inquired.result.resultStatus !== "S" || inquired.vaultingStatus !== "SUCCESS") {
        failures.push(`inquireVaulting: ${inquired.result.resultCode} ${inquired.vaultingStatus}`);
    } else if (inquired.paymentMethodDetail?.card?.cardToken !== token) {
        failures.push("inquireVaulting returned another card token");
    }
    if (sent.length !== 3) {
        failures.push(`${sent.length} requests went through the signing middleware, not 3`);
    }
    return failures;
}

main().then(
    (failures) => {
        for (const failure of failures) {
            console.error(`interop: FAIL typescript-fetch client: ${failure}`);
        }
        if (failures.length > 0) {
            process.exitCode = 1;
        } else {
            console.log(
                "interop: openapi-generator typescript-fetch client: session created, card vaulted and " +
                    "inquired (token matches), 3 requests signed by its middleware, answers verified",
            );
        }
    },
    (error) => {
        console.error(`interop: FAIL typescript-fetch client: ${error}`);
        process.exitCode = 1;
    },
);
