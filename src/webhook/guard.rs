//! Optional checks after a notification's signature verified: a freshness window on its signed
//! `request-time`, and a replay guard that refuses an exact repeat of a recently seen signature.
//!
//! Both are **off by default**, for three reasons:
//! - processing by `vaultingRequestId` must be idempotent anyway (Antom resends and duplicates),
//!   and then a replayed notification changes nothing;
//! - it is not documented whether Antom re-signs a resent notification with a fresh time (the
//!   emulator does). If it resends the original bytes, a window shorter than its resend span (about
//!   24 hours) would refuse real resends, and a replay guard would refuse every resend of a
//!   notification that the merchant did not acknowledge the first time;
//! - a window depends on the receiver's clock, and the time's format (ISO 8601 or epoch
//!   milliseconds) varies between Antom's documents.
//!
//! Turn them on where replayed traffic matters more than those risks: a window somewhat longer
//! than the resend span still stops very old captures; the guard stops immediate replays. A
//! replayed notification is refused with [`WebhookError::Replayed`](super::WebhookError); answer
//! it as if it were a duplicate (acknowledge) only if the first copy was stored.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use crate::signing::Clock;

/// A freshness window: how far the signed time may be from the receiver's clock.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Freshness {
    pub max_skew: Duration,
}

/// Why a notification's time was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeVerdict {
    Fresh,
    Unreadable,
    Stale,
}

impl Freshness {
    pub fn check(&self, request_time: &str, clock: &dyn Clock) -> TimeVerdict {
        let Some(sent) = parse_time_millis(request_time) else {
            return TimeVerdict::Unreadable;
        };
        let now = i128::from(clock.now_millis());
        let skew = i128::from(sent) - now;
        if skew.unsigned_abs() > self.max_skew.as_millis() {
            TimeVerdict::Stale
        } else {
            TimeVerdict::Fresh
        }
    }
}

/// The signatures of the most recent notifications, at most `capacity` of them (oldest dropped
/// first). Shared by clones of the verifier.
#[derive(Debug)]
pub(crate) struct ReplayGuard {
    capacity: usize,
    seen: Mutex<Seen>,
}

/// The remembered signatures, in arrival order and as a set.
#[derive(Debug, Default)]
struct Seen {
    order: VecDeque<Vec<u8>>,
    set: HashSet<Vec<u8>>,
}

impl ReplayGuard {
    pub fn new(capacity: usize) -> Self {
        ReplayGuard {
            capacity: capacity.max(1),
            seen: Mutex::default(),
        }
    }

    /// Records `signature`; false when it was already recorded.
    pub fn first_time(&self, signature: &[u8]) -> bool {
        let mut guard = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let Seen { order, set } = &mut *guard;
        if set.contains(signature) {
            return false;
        }
        if order.len() >= self.capacity
            && let Some(oldest) = order.pop_front()
        {
            set.remove(&oldest);
        }
        order.push_back(signature.to_vec());
        set.insert(signature.to_vec());
        true
    }
}

/// A `request-time` value as milliseconds since the epoch: decimal epoch milliseconds, or ISO
/// 8601 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`.
pub(crate) fn parse_time_millis(text: &str) -> Option<i64> {
    if !text.is_empty() && text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        // Every range below is two or four bytes wide: `get` alone rules out a short text.
        let digits = b.get(range)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| b.get(at) != Some(&c))
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut millis = 0;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        at = start;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
        let first_three = &text[start..at.min(start + 3)];
        millis = first_three.parse::<i64>().ok()? * 10_i64.pow(3 - first_three.len() as u32);
    }
    let offset_minutes = match &text[at..] {
        "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = &zone[1..];
            if !zone.is_ascii() {
                return None;
            }
            let (h, m) = match zone.len() {
                5 if zone.as_bytes()[2] == b':' => (&zone[..2], &zone[3..]),
                4 => (&zone[..2], &zone[2..]),
                _ => return None,
            };
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_in_both_formats() {
        assert_eq!(parse_time_millis("1700000000123"), Some(1_700_000_000_123));
        assert_eq!(parse_time_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_time_millis("2023-11-14T22:13:20.123Z"),
            Some(1_700_000_000_123)
        );
        assert_eq!(
            parse_time_millis("2023-11-15T06:13:20+08:00"),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            parse_time_millis("2023-11-14T17:13:20-0500"),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            parse_time_millis("2024-02-29T00:00:00.5Z"),
            Some(1_709_164_800_500)
        );
        for bad in [
            "",
            "yesterday",
            "2023-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13:20.Z",
            "2023-11-14T22:13:20+8",
            "2023-11-14T24:00:00Z",
            "99999999999999999999",
            "2023-11-14T22:13:20+08:00 ",
            "2023-11-14T22:13:20+aé0",
            "2023-11-14T22:13:20+0é",
        ] {
            assert_eq!(parse_time_millis(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_replay_guard_forgets_the_oldest_first() {
        let guard = ReplayGuard::new(2);
        assert!(guard.first_time(b"a"));
        assert!(!guard.first_time(b"a"));
        assert!(guard.first_time(b"b"));
        assert!(guard.first_time(b"c"));
        assert!(guard.first_time(b"a"), "a was dropped to make room");
        assert!(!guard.first_time(b"c"));
    }

    /// Milliseconds since the epoch of a UTC date and time, counted day by day: an independent
    /// check of the calendar arithmetic above.
    fn counted_millis(year: i64, month: i64, day: i64, hms: (i64, i64, i64)) -> i64 {
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let year_days = |y: i64| if leap(y) { 366 } else { 365 };
        let mut days: i64 = if year >= 1970 {
            (1970..year).map(year_days).sum()
        } else {
            -(year..1970).map(year_days).sum::<i64>()
        };
        let lengths = [
            31,
            if leap(year) { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        days += lengths[..(month - 1) as usize].iter().sum::<i64>() + day - 1;
        ((days * 24 + hms.0) * 60 + hms.1) * 60_000 + hms.2 * 1_000
    }

    #[test]
    fn every_calendar_edge_matches_a_day_by_day_count() {
        let month_length = |year: i64, month: i64| {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            }
        };
        for year in [
            1600, 1900, 1969, 1970, 1999, 2000, 2001, 2023, 2024, 2100, 2400,
        ] {
            for month in 0..=13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32] {
                    let text = format!("{year:04}-{month:02}-{day:02}T12:34:56Z");
                    let valid =
                        (1..=12).contains(&month) && (1..=month_length(year, month)).contains(&day);
                    let expected = valid.then(|| counted_millis(year, month, day, (12, 34, 56)));
                    assert_eq!(parse_time_millis(&text), expected, "{text}");
                }
            }
        }
    }

    #[test]
    fn clock_fields_and_fractions_at_their_limits() {
        let base = counted_millis(2024, 3, 1, (0, 0, 0));
        for (time, expected) in [
            ("00:00:00", Some(0)),
            ("23:59:59", Some(((23 * 60 + 59) * 60 + 59) * 1_000)),
            // A leap second is accepted as the 61st second of its minute.
            ("23:59:60", Some(((23 * 60 + 59) * 60 + 60) * 1_000)),
            ("24:00:00", None),
            ("00:60:00", None),
            ("00:00:61", None),
        ] {
            let text = format!("2024-03-01T{time}Z");
            assert_eq!(
                parse_time_millis(&text),
                expected.map(|ms| base + ms),
                "{text}"
            );
        }
        for (fraction, millis) in [
            (".1", 100),
            (".12", 120),
            (".123", 123),
            (".1239", 123),
            (".000", 0),
        ] {
            let text = format!("2024-03-01T00:00:00{fraction}Z");
            assert_eq!(parse_time_millis(&text), Some(base + millis), "{text}");
        }
        // Lower-case `t` and `z`, and a space between date and time, are read too.
        assert_eq!(parse_time_millis("2024-03-01t00:00:00z"), Some(base));
        assert_eq!(parse_time_millis("2024-03-01 00:00:00Z"), Some(base));
        assert_eq!(parse_time_millis("2024-03-01X00:00:00Z"), None);
        // Only digits: a sign that `parse` would take is refused in every field.
        for signed in [
            "+024-03-01T00:00:00Z",
            "2024-+3-01T00:00:00Z",
            "2024-03-+1T00:00:00Z",
            "2024-03-01T+0:00:00Z",
            "2024-03-01T00:+0:00Z",
            "2024-03-01T00:00:+0Z",
        ] {
            assert_eq!(parse_time_millis(signed), None, "{signed}");
        }
        // Each separator is checked.
        for broken in [
            "2024/03-01T00:00:00Z",
            "2024-03/01T00:00:00Z",
            "2024-03-01T00-00:00Z",
            "2024-03-01T00:00-00Z",
        ] {
            assert_eq!(parse_time_millis(broken), None, "{broken}");
        }
    }

    #[test]
    fn zone_offsets_shift_the_time_and_stay_in_range() {
        let utc = counted_millis(2024, 3, 1, (12, 0, 0));
        let minute = 60_000;
        for (zone, offset_minutes) in [
            ("+00:00", Some(0)),
            ("-00:00", Some(0)),
            ("+05:30", Some(330)),
            ("-0930", Some(-570)),
            ("+23:59", Some(23 * 60 + 59)),
            ("-23:59", Some(-(23 * 60 + 59))),
            ("+24:00", None),
            ("+00:60", None),
            ("+05-30", None),
            ("05:30", None),
            ("+5:30", None),
        ] {
            let text = format!("2024-03-01T12:00:00{zone}");
            let expected = offset_minutes.map(|m: i64| utc - m * minute);
            assert_eq!(parse_time_millis(&text), expected, "{text}");
        }
    }

    #[test]
    fn epoch_milliseconds_up_to_fifteen_digits() {
        assert_eq!(parse_time_millis("0"), Some(0));
        assert_eq!(
            parse_time_millis("123456789012345"),
            Some(123_456_789_012_345)
        );
        assert_eq!(parse_time_millis("1234567890123456"), None);
        assert_eq!(parse_time_millis("-1"), None);
    }

    #[derive(Debug)]
    struct FixedClock(u64);

    impl Clock for FixedClock {
        fn now_millis(&self) -> u64 {
            self.0
        }
    }

    #[test]
    fn the_window_includes_its_edges_on_both_sides() {
        let window = Freshness {
            max_skew: Duration::from_millis(1_000),
        };
        let clock = FixedClock(10_000);
        for (sent, verdict) in [
            ("10000", TimeVerdict::Fresh),
            ("11000", TimeVerdict::Fresh),
            ("9000", TimeVerdict::Fresh),
            ("11001", TimeVerdict::Stale),
            ("8999", TimeVerdict::Stale),
            ("soon", TimeVerdict::Unreadable),
        ] {
            assert_eq!(window.check(sent, &clock), verdict, "{sent}");
        }
    }

    #[test]
    fn a_replay_guard_of_capacity_zero_still_remembers_one() {
        let guard = ReplayGuard::new(0);
        assert!(guard.first_time(b"a"));
        assert!(!guard.first_time(b"a"));
        assert!(guard.first_time(b"b"));
        assert!(guard.first_time(b"a"));
    }
}
