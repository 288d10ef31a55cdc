//! The inputs of a request that are not API parameters: the action name, credentials, region,
//! host, language and timestamp. Each becomes a header (or signs one), so each must be
//! something a header can carry and the service reads as meant; each refusal is a rule of
//! [`catalog`] (`INPUT_*`), as is the one warning (`INPUT_REGION_FORM`). Messages never include the values (a secret could be among them).

use super::catalog::{self, Rule};
use super::FieldError;
use crate::sign::{Credentials, MAX_TIMESTAMP};
use crate::Language;

/// What [`check_inputs`] reads of a request: its inputs other than the parameters.
pub(crate) struct Inputs<'a> {
    pub(crate) action: &'a str,
    pub(crate) region: Option<&'a str>,
    pub(crate) host: Option<&'a str>,
    pub(crate) language: Option<&'a str>,
    pub(crate) timestamp: i64,
}

/// Longest region code not warned about (the longest today, `na-siliconvalley`, has 16
/// characters).
const MAX_REGION_LEN: usize = 64;
/// Longest action name accepted (TAT's longest is under 40).
const MAX_ACTION_LEN: usize = 64;

/// `s` unless it is empty (an empty optional input counts as absent).
pub(crate) fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// The 1-based position of the first character failing `ok`, if any. Every `ok` here accepts
/// ASCII only, so everything before the first failure is one byte a character: the byte
/// position is the character position, found without decoding UTF-8.
fn bad_char(s: &str, ok: impl Fn(char) -> bool) -> Option<usize> {
    s.bytes()
        .position(|b| !b.is_ascii() || !ok(char::from(b)))
        .map(|i| i + 1)
}

/// Printable ASCII: what an HTTP header value can carry without encoding.
fn header_safe(c: char) -> bool {
    matches!(c, ' '..='~')
}

/// Reports a problem of `rule` in `list`: the errors for a rule that refuses, the warnings
/// for one that warns.
fn push(list: &mut Vec<FieldError>, rule: &'static Rule, field: &str, message: String) {
    list.push(FieldError {
        field: field.to_owned(),
        code: rule.code,
        message,
    });
}

/// Checks the inputs that are not API parameters: what cannot be sent or signed as given goes
/// to `errors` (whatever the validation mode), what we only suspect to `warnings`. Messages
/// never include the values.
pub(crate) fn check_inputs(
    inputs: &Inputs<'_>,
    credentials: &Credentials,
    lang: Language,
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
) {
    // Action: it becomes a header; the rules already refuse unknown actions, so only report
    // here when they have not.
    let action_ok = !inputs.action.is_empty()
        && inputs.action.len() <= MAX_ACTION_LEN
        && inputs.action.bytes().all(|b| b.is_ascii_alphanumeric());
    if !action_ok && !errors.iter().any(|e| e.field == "Action") {
        push(
            errors,
            &catalog::INPUT_ACTION,
            "Action",
            msg!(
                lang,
                "Action must be 1 to {max} ASCII letters and digits.",
                zh!("Action 须为 1 到 {max} 个 ASCII 字母或数字。"),
                max = MAX_ACTION_LEN
            ),
        );
    }

    // SecretId: it is written into `Authorization` as `Credential=<id>/<date>/...`, so besides
    // header-breaking characters, space, `,` and `/` would change how that header parses.
    let id = credentials.secret_id();
    if id.is_empty() {
        push(
            errors,
            &catalog::INPUT_REQUIRED,
            "SecretId",
            msg!(lang, "SecretId is required.", zh!("缺少 SecretId。")),
        );
    } else if let Some(pos) = bad_char(id, |c| {
        header_safe(c) && !matches!(c, ' ' | ',' | '/' | ';')
    }) {
        push(
            errors,
            &catalog::INPUT_SECRET_ID,
            "SecretId",
            msg!(
                lang,
                "SecretId may only hold printable ASCII without spaces, `,`, `/` or `;`; character {pos} is not allowed.",
                zh!("SecretId 只能包含可打印 ASCII 字符（不含空格、`,`、`/`、`;`）；第 {pos} 个字符不合法。"),
                pos = pos
            ),
        );
    }

    // SecretKey: never sent, only used as an HMAC key, so any character works; but surrounding
    // whitespace is a copy-paste accident the official SDKs refuse too.
    if credentials.secret_key_is_empty() {
        push(
            errors,
            &catalog::INPUT_REQUIRED,
            "SecretKey",
            msg!(lang, "SecretKey is required.", zh!("缺少 SecretKey。")),
        );
    } else if credentials.secret_key_has_outer_whitespace() {
        push(
            errors,
            &catalog::INPUT_SECRET_KEY,
            "SecretKey",
            msg!(
                lang,
                "SecretKey has leading or trailing whitespace.",
                zh!("SecretKey 首尾含有空白字符。")
            ),
        );
    }

    if let Some(token) = credentials.token() {
        let outer_space = token.starts_with(' ') || token.ends_with(' ');
        if let Some(pos) = bad_char(token, header_safe) {
            push(
                errors,
                &catalog::INPUT_TOKEN,
                "Token",
                msg!(
                    lang,
                    "Token may only hold printable ASCII; character {pos} is not allowed.",
                    zh!("Token 只能包含可打印 ASCII 字符；第 {pos} 个字符不合法。"),
                    pos = pos
                ),
            );
        } else if outer_space {
            push(
                errors,
                &catalog::INPUT_TOKEN,
                "Token",
                msg!(
                    lang,
                    "Token has leading or trailing spaces.",
                    zh!("Token 首尾含有空格。")
                ),
            );
        }
    }

    // Region: only what a header cannot carry as given is refused (the value would be
    // rejected by the HTTP client or reach the service altered: HTTP trims the spaces around
    // a header value). Every region has the form `ap-guangzhou`, but no document says the
    // service refuses another: a new region, or a relay's own name, must get through.
    if let Some(region) = non_empty(inputs.region) {
        if let Some(pos) = bad_char(region, header_safe) {
            push(
                errors,
                &catalog::INPUT_REGION,
                "Region",
                msg!(
                    lang,
                    "Region may only hold printable ASCII; character {pos} is not allowed.",
                    zh!("Region 只能包含可打印 ASCII 字符；第 {pos} 个字符不合法。"),
                    pos = pos
                ),
            );
        } else if region.starts_with(' ') || region.ends_with(' ') {
            push(
                errors,
                &catalog::INPUT_REGION,
                "Region",
                msg!(
                    lang,
                    "Region has leading or trailing spaces.",
                    zh!("Region 首尾含有空格。")
                ),
            );
        } else {
            if let Some(pos) = bad_char(region, |c| matches!(c, 'a'..='z' | '0'..='9' | '-')) {
                push(
                    warnings,
                    &catalog::INPUT_REGION_FORM,
                    "Region",
                    msg!(
                        lang,
                        "Region is not of the usual form, lower-case letters, digits and `-` (like ap-guangzhou): character {pos} is not one.",
                        zh!("Region 不符合常见形式（小写字母、数字和 `-`，如 ap-guangzhou）：第 {pos} 个字符不是。"),
                        pos = pos
                    ),
                );
            }
            // Printable ASCII by now: bytes are characters.
            if region.len() > MAX_REGION_LEN {
                push(
                    warnings,
                    &catalog::INPUT_REGION_FORM,
                    "Region",
                    msg!(
                        lang,
                        "Region is longer than {max} characters; no region is.",
                        zh!("Region 超过 {max} 个字符；现有地域均不超过。"),
                        max = MAX_REGION_LEN
                    ),
                );
            }
        }
    }

    if let Some(host) = non_empty(inputs.host) {
        if !valid_host(host) {
            push(
                errors,
                &catalog::INPUT_HOST,
                "Host",
                msg!(
                    lang,
                    "Host must be a host name with an optional port, like tat.tencentcloudapi.com or localhost:8080 (no scheme, path or spaces).",
                    zh!("Host 须为主机名，可带端口，如 tat.tencentcloudapi.com 或 localhost:8080（不含协议、路径或空格）。")
                ),
            );
        }
    }

    if let Some(language) = non_empty(inputs.language) {
        if Language::parse(language).is_none() {
            push(
                errors,
                &catalog::INPUT_LANGUAGE,
                "Language",
                msg!(
                    lang,
                    "Language must be en-US or zh-CN.",
                    zh!("Language 须为 en-US 或 zh-CN。")
                ),
            );
        }
    }

    if !(0..=MAX_TIMESTAMP as i64).contains(&inputs.timestamp) {
        push(
            errors,
            &catalog::INPUT_TIMESTAMP,
            "Timestamp",
            msg!(
                lang,
                "Timestamp must be Unix seconds from 0 to {max} (before the year 10000).",
                zh!("Timestamp 须为 0 到 {max} 之间的 Unix 秒数（早于 10000 年）。"),
                max = MAX_TIMESTAMP
            ),
        );
    }
}

/// A DNS host name (or IPv4 address) with an optional `:port`. IPv6 literals are not
/// accepted: no API 3.0 endpoint uses one.
pub(crate) fn valid_host(host: &str) -> bool {
    let (name, port) = match host.split_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (host, None),
    };
    if let Some(p) = port {
        let digits_ok = !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok || !matches!(p.parse::<u32>(), Ok(1..=65_535)) {
            return false;
        }
    }
    // A trailing dot (fully qualified form) is refused: it changes the Host header the
    // service compares.
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_grammar() {
        for ok in [
            "tat.tencentcloudapi.com",
            "localhost",
            "127.0.0.1:8080",
            "a-b.c1:1",
            "X.Y:65535",
        ] {
            assert!(valid_host(ok), "{ok}");
        }
        for bad in [
            "https://tat.tencentcloudapi.com",
            "tat.tencentcloudapi.com/",
            "tat.tencentcloudapi.com.",
            "a..b",
            "-a.b",
            "a-.b",
            "a b",
            "a:0",
            "a:65536",
            "a:",
            "a:80:80",
            "[::1]:80",
            "ä.com",
            "a\r\nb",
            &"a".repeat(64),
            &format!("{}.com", ["abc"; 70].join(".")),
        ] {
            assert!(!valid_host(bad), "{bad}");
        }
    }
}
