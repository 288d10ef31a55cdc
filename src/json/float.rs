//! Decimal text to the nearest `f64`, for the JSON reader.
//!
//! Not `str::parse`: its tables of powers of ten cost 12 KB of wasm, half again the reader.
//! Numbers of up to 15 or 16 significant digits scaled by a power of ten within ±22 (`0.5`,
//! `1e-7`, `12.75`: how numbers are usually written) take Clinger's fast path, one `f64`
//! operation on exact operands; the rest (`0.30000000000000004`, `1e300`, `5e-324`) a slower
//! one in big integers: 0.2 µs natively for 17 digits, over a microsecond for `1e-330` (the
//! divisions by five a limb at a time grow with the exponent). Both are exact: the one
//! rounding is to the nearest `f64`, ties to even, which is what `str::parse` and
//! `JSON.parse` give (tests/json.rs compares with the former). Integers are not read here:
//! the reader keeps those that fit 64 bits as integers.

/// Significant digits kept: a decimal rounds to an `f64` as its first 767 digits do, with
/// any non-zero digit after them standing in as one more (a "sticky" digit).
const MAX_DIGITS: usize = 800;

/// The `f64` of `text`, which matches JSON's number grammar; infinite when out of range.
pub(crate) fn parse(text: &str) -> f64 {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (digits, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], unsigned.get(i + 1..).unwrap_or("")),
        None => (unsigned, ""),
    };
    let exponent = read_exponent(exponent);
    let magnitude = short(digits, exponent).unwrap_or_else(|| long(digits, exponent));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// The exponent's value, saturated where every result is zero or infinite.
fn read_exponent(text: &str) -> i64 {
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'-') => (-1, &text[1..]),
        Some(b'+') => (1, &text[1..]),
        _ => (1, text),
    };
    // Saturated far beyond any text's length, so that digits can never cancel a cap (a
    // million zeros and `e1000001` is 1, not 0.1); below 2^59, ten times it plus a digit
    // cannot overflow.
    sign * digits
        .bytes()
        .fold(0i64, |e, b| (e * 10 + i64::from(b - b'0')).min(1 << 59))
}

/// The fast path: `None` when the significant digits are 2^53 or more, or the power of ten
/// is beyond ±22.
fn short(digits: &str, exponent: i64) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut power = exponent;
    let mut fraction = false;
    let mut significant = 0;
    for b in digits.bytes() {
        if b == b'.' {
            fraction = true;
            continue;
        }
        if mantissa == 0 && b == b'0' {
            power -= i64::from(fraction);
            continue;
        }
        significant += 1;
        if significant > 19 {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
        power -= i64::from(fraction);
    }
    if mantissa == 0 {
        return Some(0.0);
    }
    // Clinger's fast path: the mantissa and the power of ten are both exact in an `f64`, so
    // one multiplication or division rounds once.
    if mantissa >= 1 << 53 || power.abs() > 22 {
        return None;
    }
    let (m, p) = (mantissa as f64, POW10[power.unsigned_abs() as usize]);
    Some(if power >= 0 { m * p } else { m / p })
}

/// The powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The long path, in big integers: `digits × 10^power` as `n × 5^power × 2^power`.
fn long(digits: &str, exponent: i64) -> f64 {
    let mut n = Big::default();
    let mut kept = 0usize;
    let mut power = exponent;
    let mut fraction = false;
    let mut dropped = false;
    for b in digits.bytes() {
        if b == b'.' {
            fraction = true;
            continue;
        }
        let d = b - b'0';
        if kept == 0 && d == 0 {
            power -= i64::from(fraction);
        } else if kept < MAX_DIGITS {
            n.mul_add(10, u32::from(d));
            kept += 1;
            power -= i64::from(fraction);
        } else {
            dropped |= d != 0;
            power += i64::from(!fraction);
        }
    }
    if kept == 0 {
        return 0.0;
    }
    if dropped {
        n.mul_add(10, 1);
        kept += 1;
        power -= 1;
    }
    // 10^(kept - 1 + power) <= value < 10^(kept + power).
    let order = kept as i64 + power;
    if order > 310 {
        return f64::INFINITY;
    }
    if order < -330 {
        return 0.0; // below half the smallest subnormal, 2.5e-324
    }
    if power >= 0 {
        n.mul_pow5(power as u32);
        let (top, sticky, shift) = n.top_bits();
        round(top, sticky, shift as i64 + power)
    } else {
        // n / 5^k: n first shifted left so that the quotient keeps at least 66 bits (5^k has
        // at most k × 2.322 + 1 bits), then divided by up to 5^13 (a limb) at a time:
        // floor(floor(x / a) / b) = floor(x / ab), and a remainder left at any step is one at
        // the end. A limb at a step, so a power of ten of -330 costs some 26 passes over some
        // 30 limbs, not a bit-by-bit division.
        let k = (-power) as u32;
        let lift = (i64::from(k) * 2322 / 1000 + 1 + 66 - n.bits() as i64).max(0);
        n.shl(lift as u64);
        let mut remainder = false;
        let mut rest = k;
        while rest > 0 {
            let step = rest.min(13);
            remainder |= n.div_small(5u32.pow(step));
            rest -= step;
        }
        let (top, sticky, shift) = n.top_bits();
        round(top, sticky || remainder, shift as i64 - lift - i64::from(k))
    }
}

/// `(m + f) × 2^e` to the nearest `f64`, ties to even, where `f` (0 <= f < 1) is non-zero
/// exactly when `sticky`; `m` is not zero.
fn round(m: u128, sticky: bool, e: i64) -> f64 {
    let bits = 128 - i64::from(m.leading_zeros());
    let exp = bits - 1 + e; // 2^exp <= value < 2^(exp + 1)
    if exp > 1023 {
        return f64::INFINITY;
    }
    // Bits of precision: 53, fewer among the subnormals.
    let keep = if exp >= -1022 { 53 } else { 53 - (-1022 - exp) };
    let drop = bits - keep;
    if drop <= 0 {
        return scale(m as f64, e); // exact already
    }
    if drop > 128 {
        return 0.0; // below half the smallest subnormal
    }
    let drop = drop as u32;
    let (q, rem) = if drop == 128 {
        (0, m)
    } else {
        (m >> drop, m & ((1u128 << drop) - 1))
    };
    let half = 1u128 << (drop - 1);
    let up = rem > half || (rem == half && (sticky || q & 1 == 1));
    scale((q + u128::from(up)) as f64, e + i64::from(drop))
}

/// `f × 2^e` for an `f` below 2^54 and a result that is representable (or infinite): exact,
/// by factors that are each a normal `f64`.
fn scale(mut f: f64, mut e: i64) -> f64 {
    while e > 1000 {
        f *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        f *= 2f64.powi(-1000);
        e += 1000;
    }
    f * 2f64.powi(e as i32)
}

/// A non-negative integer in 32-bit limbs, least significant first, with no zero limb on top.
#[derive(Default, Clone)]
struct Big(Vec<u32>);

impl Big {
    /// `self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self × 5^k`.
    fn mul_pow5(&mut self, mut k: u32) {
        const FIVE_13: u32 = 1_220_703_125; // the largest power of five in a u32
        while k >= 13 {
            self.mul_add(FIVE_13, 0);
            k -= 13;
        }
        self.mul_add(5u32.pow(k), 0);
    }

    fn bits(&self) -> u64 {
        match self.0.last() {
            Some(top) => self.0.len() as u64 * 32 - u64::from(top.leading_zeros()),
            None => 0,
        }
    }

    /// `self × 2^n`.
    fn shl(&mut self, n: u64) {
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat(0).take(limbs));
    }

    /// The top bits (up to 128, all of them when fewer), whether any bit below them is set,
    /// and how many bits are below them.
    fn top_bits(&self) -> (u128, bool, u64) {
        let below = self.bits().saturating_sub(128);
        let (skip, off) = ((below / 32) as usize, (below % 32) as u32);
        let mut top = 0u128;
        for (i, &limb) in self.0.iter().enumerate().skip(skip) {
            // Where the limb's lowest bit lands in `top`: below 0 for the first limb only.
            let at = (i - skip) as i64 * 32 - i64::from(off);
            top |= if at >= 0 {
                u128::from(limb).checked_shl(at as u32).unwrap_or(0)
            } else {
                u128::from(limb >> (-at) as u32)
            };
        }
        let cut = self
            .0
            .get(skip)
            .map_or(0, |&limb| limb & ((1u64 << off) - 1) as u32);
        let sticky = cut != 0 || self.0.iter().take(skip).any(|&limb| limb != 0);
        (top, sticky, below)
    }

    /// `self / d`, in place; whether a remainder is left.
    fn div_small(&mut self, d: u32) -> bool {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / u64::from(d)) as u32;
            rem = cur % u64::from(d);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        rem != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_paths_agree_with_str_parse() {
        for text in [
            "0",
            "0.0",
            "1",
            "0.1",
            "0.30000000000000004",
            "123456789012345678",
            "1e19",
            "1e20",
            "1e-19",
            "1e-20",
            "1e21",
            "1.2345e21",
            "1e300",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
            "5e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "1e-400",
            "9007199254740993",
            "9007199254740992.5",
            "12345678901234567890123",
            "0.000000000000000000000000123456789012345678901",
            "8.98846567431158e307",
            "3.0e-10",
            "1e400",
        ] {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(parse(text).to_bits(), expected.to_bits(), "{text}");
            let negative = format!("-{text}");
            assert_eq!(
                parse(&negative).to_bits(),
                (-expected).to_bits(),
                "{negative}"
            );
        }
        // Digits and exponent cancel, however many digits there are.
        let small = format!("0.{}1e1000001", "0".repeat(1_000_000));
        assert_eq!(parse(&small), 1.0);
        let large = format!("1{}e-1000001", "0".repeat(1_000_001));
        assert_eq!(parse(&large), 1.0);
        // An exponent of any length saturates (it once wrapped around to a negative power).
        assert_eq!(
            parse("-1e40012345678912345678901234567890"),
            f64::NEG_INFINITY
        );
        assert_eq!(parse("1e-40012345678912345678901234567890"), 0.0);
        // Beyond the digits kept, a non-zero digit still rounds up a tie.
        let tie = format!("9007199254740993{}1", "0".repeat(900));
        assert_eq!(parse(&tie), tie.parse::<f64>().unwrap());
    }
}
