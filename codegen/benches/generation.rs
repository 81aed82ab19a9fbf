//! Generation time (load + lint + emit Rust) for the real spec and for synthetic specs of 10, 100
//! and 1,000 APIs built in memory, reported per API (criterion throughput in elements = APIs), so
//! that linear growth shows as a flat per-API time. Each size runs in both modes side by side:
//! `build_rs` (unformatted, what build.rs writes) and `formatted` (prettyplease, what `generate`
//! writes to generated/).
//!
//! `cargo bench -p antom-vault-codegen --bench generation`. Under `cargo test` (no `--bench`), only
//! the real spec and the 10-API case run, once each, so that the test-mode run stays fast.

use std::hint::black_box;
use std::path::Path;

use antom_vault_codegen::{RustOptions, SourceFile, compile, compile_unformatted, output};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SHARED: &str = "\
enums:
  - name: ResultStatus
    description: Outcome class.
    values:
      - value: S
        rust_name: Success
      - value: F
        rust_name: Failure
      - value: U
        rust_name: Undetermined
  - name: Color
    description: A small enum.
    values:
      - value: RED
      - value: GREEN
";

const OBJECTS: &str = "\
objects:
  - name: Result
    rust_name: AntomResult
    description: Outcome.
    fields:
      - name: resultCode
        type: string
        required: true
        essential: true
        max_length: 64
        description: Code.
      - name: resultStatus
        type: ResultStatus
        required: true
        essential: true
        description: Class.
      - name: resultMessage
        type: string
        required: false
        max_length: 256
";

const GATEWAY: &str = "\
gateway_codes:
  - code: INVALID_SIGNATURE
    status: F
    action: fix_request
    description: Bad signature.
  - code: UNKNOWN_EXCEPTION
    status: U
    action: retry_same_id
    description: Unknown.
";

/// One synthetic API shaped like the real ones: a request with six fields (two required, a
/// nested-type field, a boolean, an integer range), a response with four, and three codes.
fn api(i: usize) -> String {
    format!(
        "\
api: syntheticApi{i}
direction: merchant_to_antom
path: /ams/api/v1/synthetic/api{i}
summary: Synthetic API number {i}.
idempotency:
  key: requestId
  transport_retry: same_id
request:
  fields:
    - name: requestId
      type: string
      required: true
      max_length: 64
      description: Attempt id.
    - name: notifyUrl
      type: url
      required: true
      max_length: 2048
      description: Where to notify.
    - name: color
      type: Color
      required: false
    - name: flag
      type: boolean
      required: false
    - name: offset
      type: integer
      required: false
      minimum: -720
      maximum: 720
    - name: note
      type: string
      required: false
      max_length: 256
response:
  fields:
    - name: result
      type: Result
      required: true
      essential: true
      description: Outcome.
    - name: requestId
      type: string
      required: on_success
      max_length: 64
      description: Echo.
    - name: token
      type: string
      required: on_success
      max_length: 2048
      description: The token.
    - name: createdAt
      type: datetime
      required: false
result_codes:
  - code: SUCCESS
    status: S
    action: none
    description: Done.
  - code: PARAM_ILLEGAL
    status: F
    action: fix_request
    description: Bad request.
  - code: PROCESS_FAIL
    status: F
    action: contact_support
    description: Failed.
"
    )
}

fn synthetic(n: usize) -> Vec<SourceFile> {
    let mut files = vec![
        SourceFile {
            name: "enums.yaml".into(),
            text: SHARED.into(),
        },
        SourceFile {
            name: "gateway_codes.yaml".into(),
            text: GATEWAY.into(),
        },
        SourceFile {
            name: "objects.yaml".into(),
            text: OBJECTS.into(),
        },
    ];
    files.extend((0..n).map(|i| SourceFile {
        name: format!("api_{i:04}.yaml"),
        text: api(i),
    }));
    files
}

fn benches(c: &mut Criterion) {
    let benching = std::env::args().any(|a| a == "--bench");
    let options = RustOptions::default();

    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let real = output::read_sources(&spec_dir, "spec").expect("read spec/");
    let real_apis = compile_count(&real);
    let mut group = c.benchmark_group("generate");
    group.throughput(Throughput::Elements(real_apis as u64));
    group.bench_function("real_spec/build_rs", |b| {
        b.iter(|| compile_unformatted(black_box(&real), &options).expect("the real spec compiles"))
    });
    group.bench_function("real_spec/formatted", |b| {
        b.iter(|| compile(black_box(&real), &options).expect("the real spec compiles"))
    });
    // Baseline from the same run: only re-parsing and formatting the real spec's output, which
    // every generation must do at least once.
    let code = compile(&real, &options).expect("the real spec compiles");
    group.bench_function("real_spec_format_only_baseline", |b| {
        b.iter(|| {
            let file = syn::parse_file(black_box(&code)).expect("generated code parses");
            prettyplease::unparse(&file)
        })
    });
    let sizes: &[usize] = if benching { &[10, 100, 1000] } else { &[10] };
    for &n in sizes {
        let sources = synthetic(n);
        group.throughput(Throughput::Elements(n as u64));
        if n >= 1000 {
            group.sample_size(10);
        }
        group.bench_function(format!("synthetic_{n}_apis/build_rs"), |b| {
            b.iter(|| {
                compile_unformatted(black_box(&sources), &options).expect("synthetic spec compiles")
            })
        });
        group.bench_function(format!("synthetic_{n}_apis/formatted"), |b| {
            b.iter(|| compile(black_box(&sources), &options).expect("synthetic spec compiles"))
        });
    }
    group.finish();
}

/// Number of APIs in `sources` (files with a top-level `api` key).
fn compile_count(sources: &[SourceFile]) -> usize {
    sources
        .iter()
        .filter(|s| s.text.starts_with("api:"))
        .count()
        .max(1)
}

/// Loading one mapping of many keys: the located tree (with its duplicate-key check) against a
/// same-run baseline of yaml-rust2's event parser alone, per key, at 5,000 and 50,000 keys.
fn many_keys(c: &mut Criterion) {
    let benching = std::env::args().any(|a| a == "--bench");
    let mut group = c.benchmark_group("many_keys");
    for n in if benching {
        &[5_000, 50_000][..]
    } else {
        &[5_000][..]
    } {
        let text: String = (0..*n).map(|i| format!("k{i}: {i}\n")).collect();
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_function(format!("tree_{n}_keys"), |b| {
            b.iter(|| antom_vault_codegen::yaml::parse("k.yaml", black_box(&text)).is_ok())
        });
        group.bench_function(format!("events_only_baseline_{n}_keys"), |b| {
            b.iter(|| {
                let mut parser = yaml_rust2::parser::Parser::new_from_str(black_box(&text));
                std::iter::from_fn(|| match parser.next_token() {
                    Ok((yaml_rust2::Event::StreamEnd, _)) | Err(_) => None,
                    Ok(_) => Some(()),
                })
                .count()
            })
        });
    }
    group.finish();
}

criterion_group!(generation, benches, many_keys);
criterion_main!(generation);
