//! The `antom-vault` command: each subcommand's happy path and a bad input.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use antom_vault::client::{Client, Environment};
use antom_vault::keys::{SigningKey, VerifyingKey};

const BIN: &str = env!("CARGO_BIN_EXE_antom-vault");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("ANTOM_CLIENT_ID")
        .env_remove("ANTOM_PRIVATE_KEY")
        .env_remove("ANTOM_PUBLIC_KEY")
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn demo_runs_the_whole_flow_and_exits_zero() {
    let out = run(&["demo"]);
    let stdout = text(&out.stdout);
    assert!(
        out.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&out.stderr)
    );
    for expected in [
        "createVaultingSession",
        "hosted card page",
        "notifyVaulting",
        "vaultPaymentMethod",
        "VERIFICATION_IN_PROCESS",
        "3-D Secure page",
        "inquireVaulting",
        "************1111",
        "All ",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(
        !stdout.contains("4111111111111111"),
        "the card number is never printed"
    );
}

#[test]
fn demo_with_a_bad_real_configuration_fails_clearly() {
    let out = Command::new(BIN)
        .arg("demo")
        .env("ANTOM_CLIENT_ID", "SANDBOX_X")
        .env("ANTOM_PRIVATE_KEY", "not a key")
        .env("ANTOM_PUBLIC_KEY", "not a key")
        .env("ANTOM_REGION", "sea")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("ANTOM_PRIVATE_KEY"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn demo_with_a_partial_real_configuration_names_what_is_missing() {
    let out = Command::new(BIN)
        .arg("demo")
        .env("ANTOM_CLIENT_ID", "SANDBOX_X")
        .env_remove("ANTOM_PRIVATE_KEY")
        .env_remove("ANTOM_PUBLIC_KEY")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY"),
        "{stderr}"
    );
}

#[test]
fn every_subcommand_has_help_and_bad_flags_fail() {
    for sub in ["demo", "mock", "keygen", "sign", "verify"] {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help");
        assert!(text(&out.stdout).contains("Usage"), "{sub}");
    }
    let out = run(&["keygen", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--no-such-flag"));
}

#[test]
fn keygen_writes_usable_keys_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(&["keygen", "--out", dir.path().to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
    let private = SigningKey::parse(&read("merchant_private_key.txt")).expect("bare PKCS#8");
    let public = VerifyingKey::parse(&read("merchant_public_key.txt")).expect("bare SPKI");
    assert_eq!(&public, private.verifying_key());
    assert_eq!(
        &VerifyingKey::parse(&read("merchant_public_key.pem")).expect("pem"),
        private.verifying_key()
    );
    SigningKey::parse(&read("merchant_private_key.pem")).expect("pem");
    assert!(read("merchant_private_key.pem").starts_with("-----BEGIN PRIVATE KEY-----"));

    let again = run(&["keygen", "--out", dir.path().to_str().expect("utf8")]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("--force"));
}

fn keygen(dir: &Path) {
    assert!(
        run(&["keygen", "--out", dir.to_str().expect("utf8")])
            .status
            .success()
    );
}

#[test]
fn sign_then_verify_round_trips_and_a_changed_body_fails() {
    let dir = tempfile::tempdir().expect("tmp");
    keygen(dir.path());
    let body = dir.path().join("body.json");
    std::fs::write(&body, r#"{"vaultingRequestId":"cli-1"}"#).expect("write");
    let p = |name: &str| dir.path().join(name).to_str().expect("utf8").to_owned();
    let path = "/ams/api/v1/vaults/inquireVaulting";
    let out = run(&[
        "sign",
        "--client-id",
        "CLIENT",
        "--path",
        path,
        "--time",
        "1685599933871",
        "--body",
        &p("body.json"),
        "--private-key",
        &p("merchant_private_key.pem"),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!(
            "POST {path}\nCLIENT.1685599933871.{{\"vaultingRequestId\":\"cli-1\"}}"
        )),
        "{stdout}"
    );
    let header = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Signature: "))
        .expect("a Signature line")
        .to_owned();
    assert!(header.starts_with("algorithm=RSA256,keyVersion=1,signature="));

    let verify = |body_file: &str| {
        run(&[
            "verify",
            "--client-id",
            "CLIENT",
            "--path",
            path,
            "--time",
            "1685599933871",
            "--body",
            body_file,
            "--public-key",
            &p("merchant_public_key.txt"),
            "--signature",
            &header,
        ])
    };
    let ok = verify(&p("body.json"));
    assert!(ok.status.success(), "{}", text(&ok.stdout));
    assert!(text(&ok.stdout).contains("Signature OK"));
    std::fs::write(
        dir.path().join("other.json"),
        r#"{"vaultingRequestId":"cli-2"}"#,
    )
    .expect("write");
    let bad = verify(&p("other.json"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("does NOT verify"));
}

#[test]
fn sign_reports_unreadable_files_and_bad_keys() {
    let dir = tempfile::tempdir().expect("tmp");
    let body = dir.path().join("body.json");
    std::fs::write(&body, "{}").expect("write");
    let key = dir.path().join("key.txt");
    std::fs::write(&key, "definitely not a key").expect("write");
    let common = ["sign", "--client-id", "C", "--path", "/p", "--body"];
    let missing = run(&[
        &common[..],
        &[
            body.to_str().expect("utf8"),
            "--private-key",
            "/no/such/file",
        ],
    ]
    .concat());
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("/no/such/file"),
        "{}",
        text(&missing.stderr)
    );
    let bad = run(&[
        &common[..],
        &[
            body.to_str().expect("utf8"),
            "--private-key",
            key.to_str().expect("utf8"),
        ],
    ]
    .concat());
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("private key"),
        "{}",
        text(&bad.stderr)
    );
}

/// Starts `antom-vault mock` on a free port; returns the child, its base URL and the key files.
fn spawn_mock(
    dir: &Path,
    client_id: &str,
) -> (
    std::process::Child,
    String,
    std::path::PathBuf,
    std::path::PathBuf,
) {
    let antom_pub = dir.join("antom.pub");
    let merchant_key = dir.join("merchant.key");
    let mut child = Command::new(BIN)
        .args([
            "mock",
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            client_id,
            "--notify-speedup",
            "1000000",
        ])
        .arg("--write-antom-public-key")
        .arg(&antom_pub)
        .arg("--write-merchant-private-key")
        .arg(&merchant_key)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (found, base_url) = std::sync::mpsc::channel();
    // Keep reading until the process ends, so that its later output never meets a closed pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("base URL: ") {
                let _ = found.send(url.to_owned());
            }
        }
    });
    let base_url = base_url.recv().expect("a base URL line");
    (child, base_url, antom_pub, merchant_key)
}

#[test]
fn demo_runs_against_a_configured_endpoint() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut child, base_url, antom_pub, merchant_key) =
        spawn_mock(dir.path(), "SANDBOX_DEMO_CLIENT");
    let out = Command::new(BIN)
        .arg("demo")
        .env("ANTOM_CLIENT_ID", "SANDBOX_DEMO_CLIENT")
        .env("ANTOM_PRIVATE_KEY", &merchant_key)
        .env("ANTOM_PUBLIC_KEY", &antom_pub)
        .env("ANTOM_BASE_URL", &base_url)
        .env("ANTOM_NOTIFY_URL", "http://127.0.0.1:9/notify")
        .output()
        .expect("runs");
    let _ = child.kill();
    let _ = child.wait();
    let stdout = text(&out.stdout);
    assert!(
        out.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains(&base_url), "{stdout}");
    assert!(
        stdout.contains("/ams/sandbox/api/v1/vaults/vaultPaymentMethod"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("the buyer enters a test card"),
        "browser steps are skipped: {stdout}"
    );
}

#[tokio::test]
async fn mock_serves_the_emulator_as_a_process() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().to_owned();
    let (mut child, base_url, antom_pub, merchant_key) =
        tokio::task::spawn_blocking(move || spawn_mock(&path, "PROCESS_CLIENT"))
            .await
            .expect("join");
    let client = Client::builder()
        .client_id("PROCESS_CLIENT")
        .environment(Environment::Production)
        .base_url(base_url)
        .merchant_private_key(
            SigningKey::parse(&std::fs::read_to_string(&merchant_key).expect("key")).expect("key"),
        )
        .antom_public_key(
            VerifyingKey::parse(&std::fs::read_to_string(&antom_pub).expect("key")).expect("key"),
        )
        .build()
        .expect("client");
    let result = client
        .vault_payment_method(&common::vault_request(
            "proc-1",
            "4111111111111111",
            common::NOWHERE,
        ))
        .await;
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        result.expect("vaulted by the process").result.result_code,
        "SUCCESS"
    );
}

#[test]
fn mock_rejects_an_unreadable_key_file() {
    let out = run(&[
        "mock",
        "--addr",
        "127.0.0.1:0",
        "--merchant-public-key",
        "/no/such/key.pem",
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("/no/such/key.pem"));
}

/// The permission bits of a file (Unix).
#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn private_keys_the_mock_writes_are_readable_by_their_owner_only() {
    let dir = tempfile::tempdir().expect("tmp");
    // An old, world-readable file in the way: it is restricted before the key goes in.
    let merchant_key = dir.path().join("merchant.key");
    std::fs::write(&merchant_key, "old\n").expect("write");
    std::fs::set_permissions(
        &merchant_key,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .expect("chmod");
    let (mut child, _base_url, antom_pub, merchant_key) = spawn_mock(dir.path(), "MODE_CLIENT");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(mode_of(&merchant_key), 0o600);
    SigningKey::parse(&std::fs::read_to_string(&merchant_key).expect("key")).expect("a key");
    // The public key is not secret: written as any other file.
    assert_eq!(mode_of(&antom_pub) & 0o600, 0o600);

    let fresh = tempfile::tempdir().expect("tmp");
    let (mut child, _, _, fresh_key) = spawn_mock(fresh.path(), "MODE_CLIENT");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(mode_of(&fresh_key), 0o600);
}

#[cfg(unix)]
#[test]
fn keygen_creates_the_private_key_files_0600_and_the_public_ones_readable() {
    let dir = tempfile::tempdir().expect("tmp");
    keygen(dir.path());
    for name in ["merchant_private_key.txt", "merchant_private_key.pem"] {
        assert_eq!(mode_of(&dir.path().join(name)), 0o600, "{name}");
    }
    for name in ["merchant_public_key.txt", "merchant_public_key.pem"] {
        assert_eq!(mode_of(&dir.path().join(name)) & 0o600, 0o600, "{name}");
    }
}
