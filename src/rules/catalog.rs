//! Every rule the validators apply, with its level and its source: one row per rule, read by
//! the validators (a problem is reported through its row, which gives its code and whether it
//! refuses or only warns) and rendered into `docs/RULES.md` by `tests/rules_doc.rs`, which
//! also checks each source against the seeds and the official API description.
//!
//! The principle: a rule refuses ([`Level::Error`]) only where a document says the service
//! refuses the value (a limit, a format it states, a code it lists) and its own examples
//! agree. What we only suspect warns ([`Level::Warning`]): warnings never make a request
//! invalid and never stop `buildRequest`.

use crate::errors::codes;

/// Whether a rule refuses or only warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The request is invalid: the service refuses it, as a document says.
    Error,
    /// Suspicious, but no document says the service refuses it.
    Warning,
}

/// Where a rule comes from. Sources with words are checked by `tests/rules_doc.rs`: the words
/// must stand on that line of the seed, or in that member's document in api.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A line of the RunCommand document (`seeds/000_…`) and words on it.
    Seed(u32, &'static str),
    /// A member of api.json (`RunCommandRequest.InstanceIds`, `ScheduleSettings.Policy`) and
    /// words of its document.
    Api(&'static str, &'static str),
    /// What api.json states of every member in its structure, for the rules generated from
    /// it: the member's `type`, `required`, the limits read from its document by
    /// `scripts/gen_actions.py`.
    ApiSchema(&'static str),
    /// A request example of examples.json (action) and what it shows.
    Example(&'static str, &'static str),
    /// Not the service's rule but the conversion's: a value JSON cannot carry, or a request
    /// input that cannot be signed or sent as given. Refused whatever the validation mode.
    Signing(&'static str),
    /// Our own suspicion, with the reason. Only a warning may rest on this alone.
    Own(&'static str),
}

/// One rule, as the validators use it: the code it reports and whether it refuses. Its
/// documentation is a [`RuleDoc`] in [`RULES`], apart, so that the WebAssembly build (which
/// never reads it) does not carry its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The service's code reported.
    pub code: &'static str,
    /// Error or warning.
    pub level: Level,
}

/// What a rule checks and where it comes from, for docs/RULES.md and its tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// The rule.
    pub rule: &'static Rule,
    /// Stable name, used in docs/RULES.md.
    pub id: &'static str,
    /// The actions it applies to, in words (`RunCommand`, `every action`...).
    pub actions: &'static str,
    /// The field it concerns.
    pub field: &'static str,
    /// What is checked, in words.
    pub check: &'static str,
    /// Where it comes from.
    pub sources: &'static [Source],
}

use Level::{Error, Warning};
use Source::{Api, ApiSchema, Example, Own, Seed, Signing};

macro_rules! rules {
    ($($name:ident = $id:literal, $actions:literal, $field:literal, $check:literal, $code:expr, $level:ident, [$($src:expr),* $(,)?];)*) => {
        $(
            #[doc = $check]
            pub static $name: Rule = Rule {
                code: $code,
                level: $level,
            };
        )*
        /// Every rule with its documentation, in the order of docs/RULES.md.
        pub static RULES: &[RuleDoc] = &[$(RuleDoc {
            rule: &$name,
            id: $id,
            actions: $actions,
            field: $field,
            check: $check,
            sources: &[$($src),*],
        }),*];
    };
}

rules! {
    // ---- Every action: the structure api.json gives -------------------------------------
    UNKNOWN_ACTION = "action.unknown", "every action", "Action",
        "the action is one of TAT 2020-10-28's (api.json `actions`)",
        codes::INVALID_ACTION, Error, [ApiSchema("its list of actions")];
    NOT_OBJECT = "params.object", "every action", "(params)",
        "the parameters are a JSON object",
        codes::INVALID_PARAMETER, Error,
        [Seed(82, "Content-Type: application/json"), ApiSchema("each action's input members")];
    WRONG_TYPE = "param.type", "every action", "every parameter",
        "the JSON type api.json gives (string, integer, boolean, object, list); never coerced",
        codes::INVALID_PARAMETER, Error,
        [Seed(29, "Parameter Name Required Type Description"), ApiSchema("each member's `type`")];
    REQUIRED = "param.required", "every action", "every required parameter",
        "present, not null, and not an empty string or list",
        codes::MISSING_PARAMETER, Error,
        [Seed(33, "Content Yes String"), ApiSchema("each member's `required`")];
    UNKNOWN_PARAMETER = "param.unknown", "every action", "any other key",
        "a key the action does not have in the pinned api.json (a typo such as `Instanceids` or `Timout`); `validation: 'warn'` sends a parameter newer than api.json",
        codes::UNKNOWN_PARAMETER, Error,
        [Seed(110, "For other error codes, see Common Error Codes"),
         ApiSchema("each action's input members; the common error code UnknownParameter: 未知参数错误，用户多传未定义的参数会导致错误")];
    NEWER_PARAMETER = "param.newer", "RunCommand (`seed`)", "DefaultParameterConfs",
        "a member the service has (api.json) that the rule set's document does not list: warned about, never refused as unknown",
        codes::UNKNOWN_PARAMETER, Warning,
        [Api("RunCommandRequest.DefaultParameterConfs", "自定义参数数组"),
         Own("the seed document does not list it, but the service has it: only a reminder that `seed` does not check it (`rules: 'latest'` does)")];
    TOO_LONG = "param.length", "every action but RunCommand (its own rules below)", "strings with a stated length",
        "at most the characters or bytes the member's document states",
        codes::INVALID_PARAMETER_VALUE_TOO_LONG, Error,
        [ApiSchema("each member's document: 不超过N字符, 最大长度为N, 不能超N个字节...")];
    RANGE = "param.range", "every action", "integers with a stated range",
        "within the range the member's document states ([1, 86400], 最大值为100...)",
        codes::INVALID_PARAMETER_VALUE_RANGE, Error,
        [Seed(40, "Value range: [1, 86400]"), ApiSchema("each member's document: 取值范围[a, b], 最大值为N")];
    ITEMS_MAX = "param.items", "every action", "lists with a stated limit",
        "at most the items the member's document states (上限100, 列表长度不超过10...)",
        codes::INVALID_PARAMETER_VALUE_LIMIT_EXCEEDED, Error,
        [Seed(34, "Up to 100 IDs are allowed"), ApiSchema("each member's document: 上限N, 列表长度不超过N")];
    TIME_FORMAT = "param.datetime", "CreateInvoker, ModifyInvoker", "ScheduleSettings.InvokeTime",
        "an ISO 8601 time: YYYY-MM-DDThh:mm:ssZ as stated, or with an offset (+08:00) as its example",
        codes::INVALID_PARAMETER_VALUE_INVALID_TIME_FORMAT, Error,
        [Api("ScheduleSettings.InvokeTime", "时间格式为：YYYY-MM-DDThh:mm:ssZ"),
         Example("CreateInvoker", "\"InvokeTime\": \"2021-09-01T00:00:00+08:00\"")];
    FILTER_NAME = "filter.name", "actions with Filters", "Filters[i].Name",
        "a filter name the member's document lists (`tag:<key>` for any key where it lists tag:tag-key)",
        codes::INVALID_PARAMETER_VALUE_INVALID_FILTER, Warning,
        [Own("the lists grow with the service; a name we do not know may be a new one")];
    FILTER_VALUES = "filter.values", "actions with Filters", "Filters[i].Values",
        "at most the values per filter the document states (`Filter.Values` 的上限为5)",
        codes::LIMIT_EXCEEDED_FILTER_VALUE_EXCEEDED, Error,
        [ApiSchema("each member's document: `Filter.Values` 的上限为N")];
    CONFLICT = "param.conflict", "actions whose documents name such pairs", "the second of the pair",
        "two parameters the document says cannot be given together",
        codes::INVALID_PARAMETER_CONFLICT_PARAMETER, Error,
        [ApiSchema("each member's document: 参数不支持同时指定 A 和 B")];
    REQUEST_SIZE = "request.size", "every action", "",
        "the request body, the parameters as JSON, at most 10 MB (10,485,760 bytes)",
        codes::REQUEST_SIZE_LIMIT_EXCEEDED, Error,
        [Signing("API 3.0's request structure: a TC3-HMAC-SHA256 POST request is at most 10 MB; the gateway answers RequestSizeLimitExceeded")];
    UNREPRESENTABLE = "value.unrepresentable", "every action", "any value",
        "representable in JSON: no NaN or Infinity, lone surrogates, functions, BigInt, cycles, or past the conversion's depth and size budgets",
        codes::INVALID_PARAMETER, Error,
        [Signing("a value JSON cannot carry would be altered in transit, and the signature would cover another request")];

    // ---- RunCommand (the seed document) and the parameters it shares --------------------
    CONTENT_MAX = "content.length", "RunCommand, CreateCommand, ModifyCommand, PreviewReplacedCommandContent", "Content",
        "base64 text of at most 65,536 characters (64 KB)",
        codes::INVALID_PARAMETER_VALUE_TOO_LONG, Error,
        [Seed(33, "The maximum length is 64 KB."), Api("RunCommandRequest.Content", "Base64 编码后的字符串长度不能超过 64KB")];
    CONTENT_BASE64 = "content.base64", "RunCommand, CreateCommand, ModifyCommand, PreviewReplacedCommandContent", "Content",
        "base64: the standard alphabet, padded to a multiple of 4",
        codes::INVALID_PARAMETER_VALUE_INVALID_CONTENT, Error,
        [Seed(33, "Base64-encoded command."), Seed(125, "InvalidParameterValue.InvalidContent Invalid command.")];
    INSTANCE_ID_FORM = "instance.id", "RunCommand and every action taking InstanceId(s) but the managed-instance ones", "InstanceIds[i]",
        "a known prefix (ins-, lhins-; mi- in `latest` and the other actions) and 8 characters of [a-z0-9]",
        codes::INVALID_PARAMETER_VALUE_INVALID_INSTANCE_ID, Warning,
        [Own("no document gives the form of an instance ID; every example has it, but a new kind of instance would be refused wrongly")];
    INSTANCE_MIXED = "instance.mixed", "RunCommand and every action taking InstanceIds", "InstanceIds",
        "instances of one kind only (CVM, Lighthouse or managed)",
        codes::INVALID_PARAMETER_VALUE_INCONSISTENT_INSTANCE, Error,
        [Seed(17, "Only one type of instances (CVM or Lighthouse) can be specified in a single request."),
         Seed(123, "InvalidParameterValue.InconsistentInstance Inconsistent instance type.")];
    SEED_COMMAND_NAME_CHARS = "command-name.chars.seed", "RunCommand (`seed`)", "CommandName",
        "only [a-zA-Z0-9_.-]",
        codes::INVALID_PARAMETER_VALUE_INVALID_COMMAND_NAME, Error,
        [Seed(36, "contain [a-z], [A-Z], [0-9] and [_-.]")];
    COMMAND_NAME_CHARS = "command-name.chars", "RunCommand (`latest`), CreateCommand, ModifyCommand", "CommandName",
        "only Chinese (CJK ideographs), ASCII letters and digits, `_`, `-` and `.`",
        codes::INVALID_PARAMETER_VALUE_INVALID_COMMAND_NAME, Error,
        [Api("RunCommandRequest.CommandName", "名称仅支持中文、英文、数字、下划线、分隔符\"-\"、小数点")];
    COMMAND_NAME_BYTES = "command-name.length", "RunCommand", "CommandName",
        "at most 60 bytes of UTF-8",
        codes::INVALID_PARAMETER_VALUE_INVALID_COMMAND_NAME, Error,
        [Seed(36, "The name can be up to 60 bytes"), Api("RunCommandRequest.CommandName", "最大长度不能超60个字节")];
    DESCRIPTION_MAX = "description.length", "RunCommand", "Description",
        "at most 120 characters",
        codes::INVALID_PARAMETER_VALUE_TOO_LONG, Error,
        [Seed(37, "The maximum length is 120 characters.")];
    COMMAND_TYPE = "command-type.value", "RunCommand, CreateCommand, ModifyCommand", "CommandType",
        "SHELL or POWERSHELL (`seed`); SHELL, POWERSHELL or BAT (`latest` and the other actions)",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Seed(38, "SHELL and POWERSHELL are supported."), Api("RunCommandRequest.CommandType", "目前支持取值：SHELL、POWERSHELL、BAT")];
    VALUE_CASE = "value.case", "every action", "CommandType, Type, ScheduleSettings.Policy",
        "written in capitals as documented (`shell` is SHELL in other letters)",
        codes::INVALID_PARAMETER_VALUE, Warning,
        [Own("the documents write the values in capitals but do not say whether the service compares them case-sensitively")];
    WORKING_DIRECTORY = "working-directory.form", "RunCommand", "WorkingDirectory",
        "an absolute path for the command type (/… for SHELL, C:\\… for POWERSHELL and BAT), no control characters, at most 4,096 bytes",
        codes::INVALID_PARAMETER_VALUE_INVALID_WORKING_DIRECTORY, Warning,
        [Own("the documents give only the defaults, /root and C:\\Program Files\\qcloud\\tat_agent\\workdir; a relative path would be resolved on the instance, if at all")];
    USERNAME = "username.form", "RunCommand", "Username",
        "an account name of the command type's system: POSIX characters and at most 32 bytes for SHELL; no \"/\\[]:;|=,+*?<>@ and at most 20 characters for POWERSHELL and BAT",
        codes::INVALID_PARAMETER_VALUE_INVALID_USERNAME, Warning,
        [Own("the documents give no form for Username; these are the systems' own limits")];
    PARAMETERS_JSON = "custom-parameters.json", "RunCommand, CreateCommand, ModifyCommand, InvokeCommand, CreateInvoker, ModifyInvoker, PreviewReplacedCommandContent", "Parameters, DefaultParameters",
        "a JSON text",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_INVALID_JSON_FORMAT, Error,
        [Seed(48, "The field type is JSON encoded string."), Seed(134, "InvalidParameterValue.ParameterInvalidJsonFormat")];
    PARAMETERS_OBJECT = "custom-parameters.object", "as above", "Parameters, DefaultParameters",
        "a JSON object of names to values",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_INVALID_JSON_FORMAT, Error,
        [Seed(49, "key is the name of the custom parameter and value is the default value.")];
    PARAMETERS_VALUE = "custom-parameters.value", "as above", "Parameters.<name>",
        "every value a string",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_VALUE_NOT_STRING, Error,
        [Seed(49, "Both key and value are strings."), Seed(139, "InvalidParameterValue.ParameterValueNotString")];
    PARAMETERS_MAX = "custom-parameters.count", "as above, and DefaultParameterConfs", "Parameters, DefaultParameters",
        "at most 20 entries",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_NUMBER_EXCEEDED, Error,
        [Seed(51, "Up to 20 custom parameters are supported.")];
    PARAMETERS_KEY_LENGTH = "custom-parameters.key-length", "as above", "Parameters.<name>",
        "a name of at most 64 characters",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_KEY_LEN_EXCEEDED, Error,
        [Seed(52, "cannot exceed 64 characters")];
    PARAMETERS_KEY_CHARS = "custom-parameters.key-chars", "as above", "Parameters.<name>",
        "a name of [a-zA-Z0-9_-], not empty",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_KEY_CONTAINS_INVALID_CHAR, Error,
        [Seed(52, "can contain [a-z], [A-Z], [0-9] and [-_]")];
    PARAMETERS_KEY_DUPLICATE = "custom-parameters.key-duplicate", "as above", "Parameters.<name>",
        "each name once (JSON.parse would keep only the last)",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_KEY_DUPLICATED, Error,
        [Seed(136, "InvalidParameterValue.ParameterKeyDuplicated Duplicate parameter keys.")];
    PARAMETERS_NEED_ENABLE = "parameters.enable", "RunCommand", "Parameters",
        "only with EnableParameter: true",
        codes::INVALID_PARAMETER_VALUE_SUPPORT_PARAMETERS_ONLY_IF_ENABLE_PARAMETER, Error,
        [Seed(141, "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"),
         Api("RunCommandRequest.Parameters", "仅在命令的 EnableParameter 为 true 时，才允许设置此参数")];
    DEFAULTS_NEED_ENABLE = "default-parameters.enable", "RunCommand", "DefaultParameters, DefaultParameterConfs",
        "only with EnableParameter: true",
        codes::INVALID_PARAMETER_VALUE_PARAMETER_DISABLED, Error,
        [Seed(133, "InvalidParameterValue.ParameterDisabled The custom parameter feature is not enabled."),
         Api("RunCommandRequest.DefaultParameters", "仅在命令的 EnableParameter 为 true 时，才允许设置此参数")];
    LACK_OF_PARAMETER_INFO = "placeholders.values", "RunCommand", "Parameters.<name>",
        "with EnableParameter: true, every {{name}} of the script has a value in Parameters, DefaultParameters or DefaultParameterConfs",
        codes::INVALID_PARAMETER_VALUE_LACK_OF_PARAMETER_INFO, Error,
        [Seed(131, "The custom parameter feature is enabled, but custom parameters are missing.")];
    REPLACED_CONTENT_MAX = "content.replaced", "RunCommand", "Content",
        "with EnableParameter: true, the script with its placeholders replaced is at most 64 KB of base64 too",
        codes::INVALID_PARAMETER_VALUE_TOO_LONG, Warning,
        [Seed(33, "The maximum length is 64 KB."),
         Own("the document limits Content as sent; it does not say whether the script run, values replaced, is held to the same limit")];
    TAGS_NEED_SAVE = "tags.save", "RunCommand", "Tags",
        "given only with SaveCommand: true",
        codes::INVALID_PARAMETER_CONFLICT_PARAMETER, Warning,
        [Seed(58, "It is available when SaveCommand is True."),
         Own("the document says when tags take effect, not that the service refuses them otherwise")];
    TAGS_MAX = "tags.count", "RunCommand", "Tags",
        "at most 10 tags",
        codes::INVALID_PARAMETER_VALUE_LIMIT_EXCEEDED, Error,
        [Seed(58, "A maximum of 10 tags are allowed.")];
    COS_URL_HTTPS = "cos-url.https", "RunCommand, InvokeCommand, CreateCommand, ModifyCommand", "OutputCOSBucketUrl",
        "starts with https://",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_BUCKET_URL, Error,
        [Seed(61, "The URL must start with https")];
    COS_URL_FORM = "cos-url.form", "as above", "OutputCOSBucketUrl",
        "https://<bucket>-<appid>.cos.<region>.myqcloud.com, as the document's example (any letter case)",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_BUCKET_URL, Warning,
        [Own("the document states only https and gives one example: https://BucketName-123454321.cos.ap-beijing.myqcloud.com")];
    COS_PREFIX_MAX = "cos-prefix.length", "as above", "OutputCOSKeyPrefix",
        "at most 60 characters",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_KEY_PREFIX, Error,
        [Seed(63, "Up to 60 characters are allowed.")];
    COS_PREFIX_VISIBLE = "cos-prefix.visible", "as above", "OutputCOSKeyPrefix",
        "visible characters only (no spaces, line breaks or other control characters)",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_KEY_PREFIX, Error,
        [Seed(63, "It must be a combination of number, letters, and visible characters.")];
    COS_PREFIX_SLASHES = "cos-prefix.slashes", "as above", "OutputCOSKeyPrefix",
        "no leading `/`, no `//`",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_KEY_PREFIX, Error,
        [Seed(65, "It cannot start with a slash (/), and cannot contain consecutive slashes.")];
    COS_PREFIX_DOTDOT = "cos-prefix.dotdot", "as above", "OutputCOSKeyPrefix",
        "no folder named `..`",
        codes::INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_KEY_PREFIX, Error,
        [Seed(65, "\"..\" can not be used as the folder name.")];

    // ---- The other actions: what their documents state in prose -------------------------
    RESOURCE_ID_FORM = "id.form", "every action taking them", "CommandId(s), InvocationId(s), InvocationTaskIds, InvokerId(s)",
        "cmd-, inv-, invt-, ivk- and 8 characters of [a-z0-9]",
        codes::INVALID_PARAMETER_VALUE, Warning,
        [Seed(11, "returns the execution activity ID (inv-xxxxxxxx)"),
         Own("only the seed's inv-xxxxxxxx and invt-xxxxxxxx and the examples show the form; the service names its own ID codes")];
    INVOKER_TYPE = "invoker.type", "CreateInvoker, ModifyInvoker", "Type",
        "SCHEDULE, the one type there is",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Api("CreateInvokerRequest.Type", "可选取值（当前仅支持一种）： - `SCHEDULE`")];
    SCHEDULE_POLICY = "schedule.policy", "CreateInvoker, ModifyInvoker", "ScheduleSettings.Policy",
        "ONCE or RECURRENCE",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Api("ScheduleSettings.Policy", "执行策略： - ONCE：单次执行 - RECURRENCE：周期执行")];
    SCHEDULE_INVOKE_TIME = "schedule.invoke-time", "CreateInvoker, ModifyInvoker", "ScheduleSettings.InvokeTime",
        "given when Policy is ONCE",
        codes::MISSING_PARAMETER, Error,
        [Api("ScheduleSettings.InvokeTime", "Policy 为 ONCE 时，需要指定此字段")];
    SCHEDULE_RECURRENCE = "schedule.recurrence", "CreateInvoker, ModifyInvoker", "ScheduleSettings.Recurrence",
        "given when Policy is RECURRENCE",
        codes::MISSING_PARAMETER, Error,
        [Api("ScheduleSettings.Recurrence", "Policy 为 RECURRENCE 时，需要指定此字段")];
    SCHEDULE_CRON = "schedule.cron", "CreateInvoker, ModifyInvoker", "ScheduleSettings.Recurrence",
        "a crontab expression: 5 to 7 fields of digits, names and * , - / ? L W #",
        codes::INVALID_PARAMETER_VALUE_INVALID_CRON_EXPRESSION, Error,
        [Api("ScheduleSettings.Recurrence", "触发 Crontab 表达式"), Example("CreateInvoker", "\"Recurrence\": \"0 0 1 * *\"")];
    SCHEDULE_CRON_FORM = "schedule.cron.form", "CreateInvoker, ModifyInvoker", "ScheduleSettings.Recurrence",
        "a crontab descriptor (`@daily`, `@every 1h`) or a `CRON_TZ=` / `TZ=` prefix, which some crontab readers take",
        codes::INVALID_PARAMETER_VALUE_INVALID_CRON_EXPRESSION, Warning,
        [Own("common crontab readers (Vixie cron, Go's robfig/cron) take these forms; no document says whether the service does, so they are not refused")];
    PREVIEW_ONE_OF = "preview.one-of", "PreviewReplacedCommandContent", "CommandId, Content",
        "exactly one of CommandId and Content",
        codes::MISSING_PARAMETER, Error,
        [Api("PreviewReplacedCommandContentRequest.CommandId", "CommandId 与 Content，必须且只能提供一个")];
    PREVIEW_BOTH = "preview.both", "PreviewReplacedCommandContent", "Content",
        "not both CommandId and Content",
        codes::INVALID_PARAMETER_CONFLICT_PARAMETER, Error,
        [Api("PreviewReplacedCommandContentRequest.Content", "CommandId 与 Content，必须且只能提供一个")];

    // ---- buildRequest's inputs that are not API parameters ------------------------------
    INPUT_ACTION = "input.action", "buildRequest", "Action",
        "1 to 64 ASCII letters and digits (it becomes the X-TC-Action header)",
        codes::INVALID_ACTION, Error,
        [Signing("the action is sent and signed as a header")];
    INPUT_REQUIRED = "input.required", "buildRequest", "SecretId, SecretKey",
        "given",
        codes::MISSING_PARAMETER, Error,
        [Signing("a request is signed with both")];
    INPUT_SECRET_ID = "input.secret-id", "buildRequest", "SecretId",
        "printable ASCII without space , / ; (it is written into Authorization)",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("the SecretId is written into the Authorization header")];
    INPUT_SECRET_KEY = "input.secret-key", "buildRequest", "SecretKey",
        "no leading or trailing whitespace",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("the key signs the request; surrounding whitespace is a copy-paste accident the official SDKs refuse too")];
    INPUT_TOKEN = "input.token", "buildRequest", "Token",
        "printable ASCII, no leading or trailing spaces (it becomes X-TC-Token)",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("the token is sent as a header")];
    INPUT_REGION = "input.region", "buildRequest", "Region",
        "printable ASCII, no leading or trailing spaces (it becomes X-TC-Region)",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("the region is sent as a header")];
    INPUT_REGION_FORM = "input.region.form", "buildRequest", "Region",
        "lower-case letters, digits and `-` (like ap-guangzhou), at most 64 characters",
        codes::INVALID_PARAMETER_VALUE, Warning,
        [Own("every region has this form (the longest, na-siliconvalley, has 16 characters), but no document states it; a new region or a relay's own name may differ")];
    INPUT_HOST = "input.host", "buildRequest", "Host",
        "a host name with an optional port (it is signed and is the URL's host)",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("the host is signed")];
    INPUT_LANGUAGE = "input.language", "buildRequest", "Language",
        "en-US or zh-CN",
        codes::INVALID_PARAMETER_VALUE, Error,
        [Signing("X-TC-Language takes these two values")];
    INPUT_TIMESTAMP = "input.timestamp", "buildRequest", "Timestamp",
        "Unix seconds from 0 to before the year 10000",
        codes::INVALID_PARAMETER_VALUE_RANGE, Error,
        [Signing("the signature's date is the timestamp's")];
}
