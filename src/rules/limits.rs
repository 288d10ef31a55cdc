//! The one table of limits. Validators, messages and the console page (through the bindings)
//! all read these numbers; none is written anywhere else.
//!
//! `SEED` is the RunCommand document of the specification, line by line; `LATEST` is what the
//! service has grown since, opt-in.

/// Every number and enumeration a rule set allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// `Content`: base64 text at most this many characters ("The maximum length is 64 KB").
    pub content_max_chars: usize,
    /// `InstanceIds.N`: "Up to 100 IDs are allowed".
    pub instance_ids_max: usize,
    /// Instance ID prefixes accepted, each followed by `instance_id_suffix_len` characters of
    /// `[a-z0-9]`: CVM `ins-`, Lighthouse `lhins-` (and, in `latest`, managed `mi-`).
    pub instance_id_prefixes: &'static [&'static str],
    /// The length of the part after the prefix.
    pub instance_id_suffix_len: usize,
    /// `CommandName`: "up to 60 bytes".
    pub command_name_max_bytes: usize,
    /// `Description`: "The maximum length is 120 characters".
    pub description_max_chars: usize,
    /// `CommandType`: "SHELL and POWERSHELL are supported".
    pub command_types: &'static [&'static str],
    /// `Timeout`: "Value range: [1, 86400]".
    pub timeout_min: i64,
    /// `Timeout` upper bound.
    pub timeout_max: i64,
    /// `Tags.N`: "A maximum of 10 tags are allowed".
    pub tags_max: usize,
    /// `Parameters` / `DefaultParameters`: "Up to 20 custom parameters are supported".
    pub parameters_max: usize,
    /// Custom parameter names: "cannot exceed 64 characters".
    pub parameter_key_max_chars: usize,
    /// `OutputCOSKeyPrefix`: "Up to 60 characters are allowed".
    pub cos_key_prefix_max_chars: usize,
    /// `WorkingDirectory`: our own bound (the document gives none), the Linux `PATH_MAX`.
    pub working_directory_max_bytes: usize,
    /// `Username` of a SHELL command: our own bound (the document gives none), the longest
    /// name `useradd` creates.
    pub username_linux_max_bytes: usize,
    /// `Username` of a POWERSHELL command: our own bound, the Windows account name limit.
    pub username_windows_max_chars: usize,
    /// A request body: API 3.0's request structure, "a TC3-HMAC-SHA256 POST request is at
    /// most 10 MB" (read as MiB, the larger: never refuse what the service takes).
    pub request_body_max_bytes: usize,
    /// The replaced script `previewContent` builds: our own bound (no document gives one),
    /// 1 MiB, sixteen times the longest script `Content` carries (48 KiB decoded). Past it
    /// the preview is refused before anything is reserved; validation only warns (past the
    /// 64 KB `Content` limit already).
    pub preview_max_bytes: usize,
    /// `splitRunCommand`: how many distinct prefixes of instance IDs the rules do not know
    /// (`xyz-` of `xyz-1234`) one call groups. Our own bound: each group is at least one
    /// request carrying every other parameter (up to 64 KB of `Content`), so 80,000 distinct
    /// prefixes made 80,000 requests. Past it the call is refused, naming the first ID over.
    pub split_other_prefixes_max: usize,
    /// Whether `{{tat-hidden:name}}` placeholders are recognised.
    pub hidden_placeholders: bool,
    /// Whether RunCommand takes `DefaultParameterConfs`.
    pub default_parameter_confs: bool,
}

/// The RunCommand document of the specification (`seeds/000_…`), exactly.
pub const SEED: Limits = Limits {
    content_max_chars: 64 * 1024,
    instance_ids_max: 100,
    instance_id_prefixes: &["ins-", "lhins-"],
    instance_id_suffix_len: 8,
    command_name_max_bytes: 60,
    description_max_chars: 120,
    command_types: &["SHELL", "POWERSHELL"],
    timeout_min: 1,
    timeout_max: 86400,
    tags_max: 10,
    parameters_max: 20,
    parameter_key_max_chars: 64,
    cos_key_prefix_max_chars: 60,
    working_directory_max_bytes: 4096,
    username_linux_max_bytes: 32,
    username_windows_max_chars: 20,
    request_body_max_bytes: 10 * 1024 * 1024,
    preview_max_bytes: 1024 * 1024,
    split_other_prefixes_max: 16,
    hidden_placeholders: false,
    default_parameter_confs: false,
};

/// What the service accepts today: 200 instances, BAT commands, TAT managed instances (`mi-`),
/// `{{tat-hidden:name}}` placeholders and `DefaultParameterConfs`. Opt-in; never the default.
pub const LATEST: Limits = Limits {
    instance_ids_max: 200,
    instance_id_prefixes: &["ins-", "lhins-", "mi-"],
    command_types: &["SHELL", "POWERSHELL", "BAT"],
    hidden_placeholders: true,
    default_parameter_confs: true,
    ..SEED
};
