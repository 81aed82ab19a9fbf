//! Downloads one page. `http://` addresses (a mirror, or the loopback server of the tests) are
//! fetched with a small HTTP/1.1 GET over `std::net::TcpStream`; `https://` addresses (Antom's
//! own sites) through the system's `curl`, so that the generator's dependency tree gets no TLS
//! stack (reqwest's TLS backend alone would add a C library build to every codegen build).
//!
//! A page is accepted only when the whole body arrived: status 200, at most [`MAX_PAGE_BYTES`],
//! exactly `Content-Length` bytes (or a complete chunked body), and UTF-8 text.

use std::fmt;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::Command;
use std::time::Duration;

/// The largest page accepted (Antom's reference pages are well under 200 kB).
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

const TIMEOUT: Duration = Duration::from_secs(60);

/// Why a page could not be downloaded. Names the address and the rule, never page content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The address is not an `http://` or `https://` URL this client can use.
    Address {
        /// The address.
        url: String,
        /// What is wrong with it.
        rule: &'static str,
    },
    /// No connection, or the transfer failed.
    Transport {
        /// The address.
        url: String,
        /// The failure, in words.
        reason: String,
    },
    /// The server answered with another status than 200.
    Status {
        /// The address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The body ended before the length the server announced.
    CutOff {
        /// The address.
        url: String,
        /// Bytes received.
        received: usize,
        /// Bytes announced (`None` for a chunked body without its last chunk).
        announced: Option<usize>,
    },
    /// The body is larger than [`MAX_PAGE_BYTES`].
    TooLarge {
        /// The address.
        url: String,
    },
    /// The answer is not HTTP this client understands, or the body is not UTF-8.
    Malformed {
        /// The address.
        url: String,
        /// The rule broken.
        rule: &'static str,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Address { url, rule } => write!(f, "{url}: unusable address: {rule}"),
            FetchError::Transport { url, reason } => write!(f, "{url}: {reason}"),
            FetchError::Status { url, status } => write!(f, "{url}: HTTP status {status}"),
            FetchError::CutOff {
                url,
                received,
                announced: Some(announced),
            } => write!(
                f,
                "{url}: cut off after {received} of {announced} announced bytes"
            ),
            FetchError::CutOff { url, received, .. } => write!(
                f,
                "{url}: chunked body cut off after {received} bytes (no last chunk)"
            ),
            FetchError::TooLarge { url } => {
                write!(f, "{url}: page larger than {MAX_PAGE_BYTES} bytes")
            }
            FetchError::Malformed { url, rule } => write!(f, "{url}: {rule}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Downloads `url` as text.
pub fn get(url: &str) -> Result<String, FetchError> {
    let bytes = if url.starts_with("https://") {
        get_with_curl(url)?
    } else if let Some(rest) = url.strip_prefix("http://") {
        get_plain(url, rest)?
    } else {
        return Err(FetchError::Address {
            url: url.to_owned(),
            rule: "only http:// and https:// are fetched",
        });
    };
    String::from_utf8(bytes).map_err(|_| FetchError::Malformed {
        url: url.to_owned(),
        rule: "the body is not UTF-8 text",
    })
}

fn get_with_curl(url: &str) -> Result<Vec<u8>, FetchError> {
    let output = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--location",
            "--proto",
            "=https",
        ])
        .args(["--max-time", "60", "--max-filesize"])
        .arg(MAX_PAGE_BYTES.to_string())
        .args(["--write-out", "%{stderr}%{http_code}", "--"])
        .arg(url)
        .output()
        .map_err(|e| FetchError::Transport {
            url: url.to_owned(),
            reason: format!("cannot run curl ({})", e.kind()),
        })?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let status: u16 = stderr
        .trim_end()
        .rsplit('\n')
        .next()
        .and_then(|last| last.get(last.len().saturating_sub(3)..))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    if !output.status.success() {
        return Err(match output.status.code() {
            Some(63) => FetchError::TooLarge {
                url: url.to_owned(),
            },
            Some(18) => FetchError::CutOff {
                url: url.to_owned(),
                received: output.stdout.len(),
                announced: None,
            },
            code => FetchError::Transport {
                url: url.to_owned(),
                reason: format!("curl failed with exit status {code:?}"),
            },
        });
    }
    if status != 200 {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status,
        });
    }
    Ok(output.stdout)
}

/// `host[:port]/path` of an `http://` address.
fn split_address(url: &str, rest: &str) -> Result<(String, String), FetchError> {
    let bad = |rule| FetchError::Address {
        url: url.to_owned(),
        rule,
    };
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.is_empty() || authority.contains('@') {
        return Err(bad("the address needs a host and no user information"));
    }
    if path.contains(['#', ' ', '\r', '\n']) {
        return Err(bad(
            "the path may not hold a fragment, spaces or line breaks",
        ));
    }
    let authority = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    Ok((authority, format!("/{path}")))
}

fn get_plain(url: &str, rest: &str) -> Result<Vec<u8>, FetchError> {
    let (authority, path) = split_address(url, rest)?;
    let transport = |e: std::io::Error| FetchError::Transport {
        url: url.to_owned(),
        reason: format!("connection failed ({})", e.kind()),
    };
    let address = authority
        .to_socket_addrs()
        .map_err(transport)?
        .next()
        .ok_or_else(|| FetchError::Address {
            url: url.to_owned(),
            rule: "the host name has no address",
        })?;
    let mut stream = TcpStream::connect_timeout(&address, TIMEOUT).map_err(transport)?;
    stream.set_read_timeout(Some(TIMEOUT)).map_err(transport)?;
    stream.set_write_timeout(Some(TIMEOUT)).map_err(transport)?;
    let host = authority.strip_suffix(":80").unwrap_or(&authority);
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: antom-vault-codegen\r\n\
         Accept: text/markdown, text/plain\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).map_err(transport)?;
    let cap = MAX_PAGE_BYTES + 64 * 1024;
    let mut raw = Vec::new();
    stream
        .take(cap as u64)
        .read_to_end(&mut raw)
        .map_err(transport)?;
    if raw.len() >= cap {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
        });
    }
    parse_response(url, &raw)
}

/// Splits a complete HTTP/1.1 answer into its status and body and checks that the body is whole.
fn parse_response(url: &str, raw: &[u8]) -> Result<Vec<u8>, FetchError> {
    let malformed = |rule| FetchError::Malformed {
        url: url.to_owned(),
        rule,
    };
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| malformed("the answer has no complete header"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| malformed("the header is not text"))?;
    let body = &raw[end + 4..];
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|line| line.strip_prefix("HTTP/1."))
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| malformed("the status line is not HTTP/1.x"))?;
    if status != 200 {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status,
        });
    }
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    let body = if header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(url, body)?
    } else if let Some(length) = header("Content-Length") {
        let announced: usize = length
            .parse()
            .map_err(|_| malformed("Content-Length is not a number"))?;
        if body.len() < announced {
            return Err(FetchError::CutOff {
                url: url.to_owned(),
                received: body.len(),
                announced: Some(announced),
            });
        }
        body[..announced].to_vec()
    } else {
        body.to_vec()
    };
    if body.len() > MAX_PAGE_BYTES {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
        });
    }
    Ok(body)
}

/// Joins a chunked body; a body without its zero-length last chunk is cut off.
fn dechunk(url: &str, mut rest: &[u8]) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    loop {
        let cut = || FetchError::CutOff {
            url: url.to_owned(),
            received: body.len(),
            announced: None,
        };
        let line_end = rest.windows(2).position(|w| w == b"\r\n").ok_or_else(cut)?;
        let size_text = std::str::from_utf8(&rest[..line_end]).unwrap_or("");
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| FetchError::Malformed {
            url: url.to_owned(),
            rule: "a chunk size is not hexadecimal",
        })?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if rest.len() < size + 2 {
            return Err(cut());
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://127.0.0.1:1/p.md";

    #[test]
    fn accepts_whole_bodies_and_refuses_cut_ones() {
        let whole = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assert_eq!(parse_response(URL, whole).unwrap(), b"hello");
        let cut = b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nhello";
        assert_eq!(
            parse_response(URL, cut),
            Err(FetchError::CutOff {
                url: URL.into(),
                received: 5,
                announced: Some(9)
            })
        );
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n";
        assert_eq!(parse_response(URL, chunked).unwrap(), b"hello");
        let chunk_cut = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n";
        assert!(matches!(
            parse_response(URL, chunk_cut),
            Err(FetchError::CutOff {
                announced: None,
                ..
            })
        ));
    }

    #[test]
    fn names_the_status_and_the_broken_rule() {
        let missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(
            parse_response(URL, missing),
            Err(FetchError::Status {
                url: URL.into(),
                status: 404
            })
        );
        assert!(matches!(
            parse_response(URL, b"SMTP ready\r\n\r\n"),
            Err(FetchError::Malformed { .. })
        ));
        assert!(matches!(
            get("ftp://example.invalid/x"),
            Err(FetchError::Address { .. })
        ));
        assert!(matches!(
            split_address("http://u@h/x", "u@h/x"),
            Err(FetchError::Address { .. })
        ));
        assert_eq!(
            split_address("http://h:8/a/b.md", "h:8/a/b.md").unwrap(),
            ("h:8".to_owned(), "/a/b.md".to_owned())
        );
    }
}
