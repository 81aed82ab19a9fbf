//! Clock helpers: ISO 8601 and epoch-millisecond timestamps, and checking received `Request-Time`s.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now.
pub fn now_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis()
}

/// Now as ISO 8601 in UTC with an explicit offset, e.g. `2026-11-21T02:30:00+00:00`.
pub fn now_iso() -> String {
    iso_after(Duration::ZERO)
}

/// The time `ahead` from now, as ISO 8601 in UTC with an explicit offset.
pub fn iso_after(ahead: Duration) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .saturating_add(ahead)
        .as_secs();
    format_iso(secs)
}

/// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SS+00:00`.
pub fn format_iso(epoch_secs: u64) -> String {
    let days = (epoch_secs / 86_400) as i64;
    let rem = epoch_secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// The current year and month in UTC (for card expiry checks).
pub fn current_year_month() -> (i64, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let (y, m, _) = civil_from_days((secs / 86_400) as i64);
    (y, m)
}

/// Converts days since 1970-01-01 to a (year, month, day) civil date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Whether a received `Request-Time` has a form Antom accepts: epoch milliseconds (or seconds), or
/// an ISO 8601 date-time with a `Z` or numeric offset, optionally with fractional seconds.
pub fn is_acceptable_request_time(value: &str) -> bool {
    let value = value.trim();
    if !value.is_empty() && value.len() <= 16 && value.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    is_iso_8601(value)
}

fn is_iso_8601(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .is_some_and(|s| s.len() == range.len() && s.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4)
        && at(4, b'-')
        && digits(5..7)
        && at(7, b'-')
        && digits(8..10)
        && (at(10, b'T') || at(10, b' '))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') | Some(b'z') => i + 1 == b.len(),
        Some(b'+') | Some(b'-') => {
            let rest = &value[i + 1..];
            let r = rest.as_bytes();
            match r.len() {
                5 => r[2] == b':' && [0, 1, 3, 4].iter().all(|&k| r[k].is_ascii_digit()),
                4 | 2 => r.iter().all(u8::is_ascii_digit),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_iso(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format_iso(1_685_599_933), "2023-06-01T06:12:13+00:00");
        assert_eq!(format_iso(951_782_400), "2000-02-29T00:00:00+00:00");
    }

    #[test]
    fn accepts_millis_and_iso_forms() {
        for ok in [
            "1685599933871",
            "2019-05-28T12:12:12+08:00",
            "2024-06-01T08:00:00+00:00",
            "2019-01-01T01:01:01Z",
            "2024-06-01T08:00:00.123+0000",
        ] {
            assert!(is_acceptable_request_time(ok), "{ok}");
        }
        for bad in [
            "",
            "yesterday",
            "2019-05-28",
            "2019-05-28T12:12:12",
            "12a4",
            "2019-05-28T12:12:12+8",
        ] {
            assert!(!is_acceptable_request_time(bad), "{bad}");
        }
    }
}
