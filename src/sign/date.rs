//! The UTC calendar date of a Unix timestamp, computed from the seconds alone.
//!
//! TC3 scopes the signing key to the UTC date of `X-TC-Timestamp`; the local time zone of the
//! caller must never leak in (a console in UTC+8 signs at 07:00 local on the previous UTC day).
//! No clock and no time zone database are involved: this is Howard Hinnant's `civil_from_days`.

/// The last second of 9999-12-31 UTC. Later timestamps would need a five-digit year, which the
/// official Python SDK cannot format and the service does not accept.
pub const MAX_TIMESTAMP: u64 = 253_402_300_799;

const SECONDS_PER_DAY: u64 = 86_400;

/// `YYYY-MM-DD` of the UTC day holding `timestamp`, or `None` past [`MAX_TIMESTAMP`].
pub(crate) fn utc_date(timestamp: u64) -> Option<[u8; 10]> {
    if timestamp > MAX_TIMESTAMP {
        return None;
    }
    let (y, m, d) = civil_from_days(timestamp / SECONDS_PER_DAY);
    let mut out = *b"0000-00-00";
    put_digits(&mut out[0..4], y);
    put_digits(&mut out[5..7], m);
    put_digits(&mut out[8..10], d);
    Some(out)
}

/// Writes `n` right-aligned in decimal into `dst`, which is exactly as wide as needed.
fn put_digits(dst: &mut [u8], mut n: u64) {
    for slot in dst.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
/// Only non-negative day counts reach here, so unsigned arithmetic suffices.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the epoch to 0000-03-01 so that leap days fall at the end of each cycle.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097; // day of era, [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1, [0, 365]
    let mp = (5 * doy + 2) / 153; // month from March, [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(ts: u64) -> String {
        String::from_utf8(utc_date(ts).expect("in range").to_vec()).expect("ascii")
    }

    #[test]
    fn known_dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(86_399), "1970-01-01");
        assert_eq!(date(86_400), "1970-01-02");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_551_113_065), "2019-02-25");
        assert_eq!(date(1_709_251_199), "2024-02-29");
        assert_eq!(date(1_709_251_200), "2024-03-01");
        assert_eq!(date(4_107_542_400), "2100-03-01");
        assert_eq!(date(MAX_TIMESTAMP), "9999-12-31");
        assert_eq!(utc_date(MAX_TIMESTAMP + 1), None);
        assert_eq!(utc_date(u64::MAX), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// A deliberately naive second implementation: walk years and months one at a time.
    fn slow(ts: u64) -> String {
        let mut days = ts / 86_400;
        let mut y = 1970u64;
        loop {
            let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
            let len = if leap { 366 } else { 365 };
            if days < len {
                let months = [
                    31,
                    if leap { 29 } else { 28 },
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
                let mut m = 1;
                for ml in months {
                    if days < ml {
                        break;
                    }
                    days -= ml;
                    m += 1;
                }
                return format!("{y:04}-{m:02}-{:02}", days + 1);
            }
            days -= len;
            y += 1;
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn matches_naive_calendar(ts in 0u64..=MAX_TIMESTAMP) {
            proptest::prop_assert_eq!(date(ts), slow(ts));
        }
    }
}
