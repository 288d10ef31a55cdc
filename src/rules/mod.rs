//! What the API accepts.
//!
//! [`validate`] checks the parameters of one action and answers with every problem at once,
//! each as a [`FieldError`] carrying the API parameter name (with an index or key where it
//! helps: `InstanceIds[3]`, `Parameters.varA`), the service's own error code and a message.
//!
//! Layout: [`limits`] is the one table of numbers (100 instances, 64 KB, 20 parameters...);
//! [`fields`] holds the checks shared by actions; one module per action holds its rules.

/// Formats the message of one language; both texts stand side by side at each rule, and only
/// the chosen one is formatted.
macro_rules! msg {
    ($lang:expr, $en:literal, $zh:literal $(, $k:ident = $v:expr)* $(,)?) => {
        match $lang {
            $crate::Language::EnUs => format!($en $(, $k = $v)*),
            $crate::Language::ZhCn => format!($zh $(, $k = $v)*),
        }
    };
}
pub(crate) use msg;

pub mod fields;
pub mod limits;
pub mod run_command;

use crate::errors::codes;
use crate::Language;
use serde_json::Value;

pub use limits::Limits;

/// Which version of the API's rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleSet {
    /// The RunCommand document in the specification, exactly (the default).
    #[default]
    Seed,
    /// Opt-in: what the service has grown since (200 instances, BAT, `mi-` instances...).
    Latest,
}

impl RuleSet {
    /// Parses `seed` / `latest`.
    pub fn parse(s: &str) -> Option<RuleSet> {
        match s {
            "seed" => Some(RuleSet::Seed),
            "latest" => Some(RuleSet::Latest),
            _ => None,
        }
    }

    /// The limits table of this rule set.
    pub fn limits(self) -> &'static Limits {
        match self {
            RuleSet::Seed => &limits::SEED,
            RuleSet::Latest => &limits::LATEST,
        }
    }
}

/// Validation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Rule set; `seed` by default.
    pub rules: RuleSet,
    /// Message language; `en-US` by default.
    pub language: Language,
}

/// One problem with one parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The API parameter name, with an index or key where it helps (`InstanceIds[3]`).
    pub field: String,
    /// The service's error code (`InvalidParameterValue.Range`).
    pub code: &'static str,
    /// A human message in the requested language.
    pub message: String,
}

/// The actions this crate knows the rules of.
pub const ACTIONS: &[&str] = &["RunCommand"];

/// Validates the parameters of `action`. An empty result means valid.
///
/// `params` must be a JSON object; anything else is refused with `InvalidParameter` on the
/// field `""`. An action this crate does not know is refused with `InvalidAction`.
pub fn validate(action: &str, params: &Value, options: &Options) -> Vec<FieldError> {
    match action {
        "RunCommand" => validate_run_command(params, options),
        _ => {
            let mut v = Collector::new(options);
            v.push(
                "Action",
                codes::INVALID_ACTION,
                msg!(
                    options.language,
                    "Unknown action `{action}`: this version knows {known}.",
                    "未知的接口 `{action}`：本版本支持 {known}。",
                    known = ACTIONS.join(", "),
                ),
            );
            v.finish()
        }
    }
}

/// Validates the parameters of `RunCommand`. An empty result means valid.
pub fn validate_run_command(params: &Value, options: &Options) -> Vec<FieldError> {
    let mut v = Collector::new(options);
    run_command::check(params, &mut v);
    v.finish()
}

/// Collects the errors of one validation run.
pub(crate) struct Collector<'o> {
    pub(crate) options: &'o Options,
    errors: Vec<FieldError>,
}

impl<'o> Collector<'o> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Collector {
            options,
            errors: Vec::new(),
        }
    }

    pub(crate) fn lang(&self) -> Language {
        self.options.language
    }

    pub(crate) fn limits(&self) -> &'static Limits {
        self.options.rules.limits()
    }

    pub(crate) fn push(&mut self, field: impl Into<String>, code: &'static str, message: String) {
        self.errors.push(FieldError {
            field: field.into(),
            code,
            message,
        });
    }

    pub(crate) fn finish(self) -> Vec<FieldError> {
        self.errors
    }
}
