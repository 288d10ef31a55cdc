//! The error catalogue: every code of the RunCommand document, the API's common error codes
//! and the remaining TAT codes of the official SDK's `errorcodes` list, each with an en-US and
//! a zh-CN message and whether retrying the same request can help.
//!
//! The [`codes`] constants and [`catalogue`] come from one table below, so a code used by a
//! rule always has a message.

use crate::Language;

/// What kind of failure a code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Category {
    /// Credentials or signature.
    Auth,
    /// A parameter the caller sent.
    Parameter,
    /// Permissions (CAM, MFA, approval).
    Permission,
    /// A resource that is missing or not in a usable state.
    Resource,
    /// Rate or quota limits.
    Limit,
    /// The service itself.
    Server,
    /// The request as a whole (action, version, protocol, region).
    Request,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The service's code.
    pub code: &'static str,
    /// What kind of failure it is.
    pub category: Category,
    /// Whether sending the same request again (after a pause) can succeed.
    pub retryable: bool,
    /// en-US message.
    pub en: &'static str,
    /// zh-CN message.
    pub zh: &'static str,
}

/// What [`describe_error`] answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorDescription {
    /// The code asked about, unchanged.
    pub code: String,
    /// A human message: the code's own, else its family's (by prefix), else a generic one.
    pub message: &'static str,
    /// Whether the same request can succeed when sent again.
    pub retryable: bool,
    /// Whether the code itself is in the catalogue.
    pub known: bool,
    /// The category of the code or of its family; `None` for an unknown family.
    pub category: Option<Category>,
}

macro_rules! catalogue {
    ($($name:ident = $code:literal, $cat:ident, $retry:literal, $en:literal, $zh:literal;)*) => {
        /// Error code constants, named after the code (`InvalidParameterValue.Range` is
        /// `INVALID_PARAMETER_VALUE_RANGE`).
        pub mod codes {
            $(#[doc = $code] pub const $name: &str = $code;)*
        }
        /// Every entry's code and en-US message, back to back.
        const TEXT: &str = concat!($($code, $en,)*);
        /// Every entry's zh-CN message, back to back: apart from the rest, so that the
        /// browser's module can move them out in one piece (scripts/zh-asset.mjs).
        const TEXT_ZH: &str = concat!($(zh!($zh),)*);
        /// Per entry, the lengths of its code and en-US message in [`TEXT`] and of its zh-CN
        /// message in [`TEXT_ZH`] (see [`crate::packed`]), its category and whether it is
        /// retryable.
        const ENTRIES: &[([u16; 3], Category, bool)] = &[
            $(([$code.len() as u16, $en.len() as u16, zh!($zh).len() as u16], Category::$cat, $retry),)*
        ];
    };
}

/// Every known code, in the catalogue's order.
pub fn catalogue() -> impl Iterator<Item = ErrorInfo> {
    let (mut at, mut at_zh) = (0, 0);
    ENTRIES
        .iter()
        .map(move |&([code, en, zh], category, retryable)| {
            let [code, en] = crate::packed::next(TEXT, &mut at, [code, en]);
            let [zh] = crate::packed::next(TEXT_ZH, &mut at_zh, [zh]);
            ErrorInfo {
                code,
                category,
                retryable,
                en,
                zh,
            }
        })
}

catalogue! {
    // ---- Common error codes of API 3.0 ----
    ACTION_OFFLINE = "ActionOffline", Request, false, "This action has been taken offline.", "接口已下线。";
    AUTH_FAILURE = "AuthFailure", Auth, false, "Authentication failed.", "CAM 签名/鉴权错误。";
    AUTH_FAILURE_INVALID_AUTHORIZATION = "AuthFailure.InvalidAuthorization", Auth, false, "The Authorization header is malformed.", "请求头部的 Authorization 不符合腾讯云标准。";
    AUTH_FAILURE_INVALID_SECRET_ID = "AuthFailure.InvalidSecretId", Auth, false, "Invalid SecretId: it is not a cloud API key.", "密钥非法（不是云 API 密钥类型）。";
    AUTH_FAILURE_MFA_FAILURE = "AuthFailure.MFAFailure", Auth, false, "MFA verification failed.", "MFA 错误。";
    AUTH_FAILURE_SECRET_ID_NOT_FOUND = "AuthFailure.SecretIdNotFound", Auth, false, "The SecretId does not exist or is disabled.", "密钥不存在或已被禁用。";
    AUTH_FAILURE_SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire", Auth, true, "The signature has expired: the request timestamp differs from the server time by more than 5 minutes. Sign again with the current time.", "签名过期：请求时间戳与服务器时间相差超过五分钟。请用当前时间重新签名。";
    AUTH_FAILURE_SIGNATURE_FAILURE = "AuthFailure.SignatureFailure", Auth, false, "The signature does not match. Check the SecretKey and the signing steps.", "签名错误：请检查 SecretKey 与签名步骤。";
    AUTH_FAILURE_TOKEN_FAILURE = "AuthFailure.TokenFailure", Auth, false, "The token is invalid or expired.", "Token 错误或已过期。";
    AUTH_FAILURE_UNAUTHORIZED_OPERATION = "AuthFailure.UnauthorizedOperation", Auth, false, "The request is not authorized.", "请求未授权。";
    DRY_RUN_OPERATION = "DryRunOperation", Request, false, "The request would have succeeded; DryRun was set.", "请求将会成功，只是设置了 DryRun 参数。";
    FAILED_OPERATION = "FailedOperation", Server, false, "The operation failed.", "操作失败。";
    INTERNAL_ERROR = "InternalError", Server, true, "Internal error. Retry later.", "内部错误，请稍后重试。";
    INVALID_ACTION = "InvalidAction", Request, false, "The action does not exist.", "接口不存在。";
    INVALID_PARAMETER = "InvalidParameter", Parameter, false, "Invalid parameter.", "参数错误。";
    INVALID_PARAMETER_VALUE = "InvalidParameterValue", Parameter, false, "Invalid parameter value.", "参数取值错误。";
    INVALID_REQUEST = "InvalidRequest", Request, false, "The request body is malformed.", "请求 body 的 multipart 格式错误。";
    IP_IN_BLACKLIST = "IpInBlacklist", Permission, false, "Your IP address is in the blocklist.", "IP 地址在黑名单中。";
    IP_NOT_IN_WHITELIST = "IpNotInWhitelist", Permission, false, "Your IP address is not in the allowlist.", "IP 地址不在白名单中。";
    LIMIT_EXCEEDED = "LimitExceeded", Limit, false, "A quota limit is exceeded.", "超过配额限制。";
    MISSING_PARAMETER = "MissingParameter", Parameter, false, "A required parameter is missing.", "缺少参数。";
    NO_SUCH_PRODUCT = "NoSuchProduct", Request, false, "The product does not exist.", "产品不存在。";
    NO_SUCH_VERSION = "NoSuchVersion", Request, false, "The API version does not exist.", "接口版本不存在。";
    REQUEST_LIMIT_EXCEEDED = "RequestLimitExceeded", Limit, true, "Too many requests: the rate limit is exceeded. Retry after a pause.", "请求的次数超过了频率限制，请稍后重试。";
    REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED = "RequestLimitExceeded.GlobalRegionUinLimitExceeded", Limit, true, "The account's global rate limit is exceeded. Retry after a pause.", "主账号超过全局频率限制，请稍后重试。";
    REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED = "RequestLimitExceeded.IPLimitExceeded", Limit, true, "The rate limit for your IP address is exceeded. Retry after a pause.", "IP 限频，请稍后重试。";
    REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED = "RequestLimitExceeded.UinLimitExceeded", Limit, true, "The account's rate limit is exceeded. Retry after a pause.", "主账号限频，请稍后重试。";
    REQUEST_SIZE_LIMIT_EXCEEDED = "RequestSizeLimitExceeded", Request, false, "The request is too large.", "请求包超过限制大小。";
    RESOURCE_IN_USE = "ResourceInUse", Resource, false, "The resource is in use.", "资源被占用。";
    RESOURCE_INSUFFICIENT = "ResourceInsufficient", Resource, true, "Insufficient resources.", "资源不足。";
    RESOURCE_NOT_FOUND = "ResourceNotFound", Resource, false, "The resource does not exist.", "资源不存在。";
    RESOURCE_UNAVAILABLE = "ResourceUnavailable", Resource, false, "The resource is unavailable.", "资源不可用。";
    RESPONSE_SIZE_LIMIT_EXCEEDED = "ResponseSizeLimitExceeded", Request, false, "The response is too large.", "返回包超过限制大小。";
    SERVICE_UNAVAILABLE = "ServiceUnavailable", Server, true, "The service is temporarily unavailable. Retry later.", "当前服务暂时不可用，请稍后重试。";
    UNAUTHORIZED_OPERATION = "UnauthorizedOperation", Permission, false, "The operation is not authorized.", "未授权操作。";
    UNKNOWN_PARAMETER = "UnknownParameter", Parameter, false, "Unknown parameter.", "未知参数错误。";
    UNSUPPORTED_OPERATION = "UnsupportedOperation", Request, false, "The operation is not supported.", "操作不支持。";
    UNSUPPORTED_PROTOCOL = "UnsupportedProtocol", Request, false, "The protocol is not supported: use HTTPS.", "HTTP(S) 请求协议错误，只支持 GET 和 POST 请求。";
    UNSUPPORTED_REGION = "UnsupportedRegion", Request, false, "The action is not supported in this region.", "接口不支持所传地域。";

    // ---- TAT codes (RunCommand document and the SDK's errorcodes list) ----
    FAILED_OPERATION_CVM_ERROR = "FailedOperation.CVMError", Server, true, "Failed to access the CVM service. Retry later.", "调用 CVM 失败，请稍后重试。";
    FAILED_OPERATION_LIGHTHOUSE_ERROR = "FailedOperation.LighthouseError", Server, true, "Failed to access the Lighthouse service. Retry later.", "调用 Lighthouse 失败，请稍后重试。";
    FAILED_OPERATION_TAG_OPERATION_FAILED = "FailedOperation.TagOperationFailed", Server, true, "The tag operation failed.", "标签操作失败。";
    INVALID_FILTER = "InvalidFilter", Parameter, false, "Invalid filter.", "无效的过滤器。";
    INVALID_PARAMETER_CONFLICT_PARAMETER = "InvalidParameter.ConflictParameter", Parameter, false, "Conflicting parameters.", "参数冲突。";
    INVALID_PARAMETER_INVALID_USERNAME = "InvalidParameter.InvalidUsername", Parameter, false, "Invalid username.", "无效用户名。";
    INVALID_PARAMETER_PARAMETER_NAME_DUPLICATED = "InvalidParameter.ParameterNameDuplicated", Parameter, false, "Duplicate parameter name.", "参数名称重复。";
    INVALID_PARAMETER_VALUE_AGENT_UNSUPPORTED_COMMAND_TYPE = "InvalidParameterValue.AgentUnsupportedCommandType", Parameter, false, "The TAT agent does not support this command type.", "Agent 不支持此命令类型。";
    INVALID_PARAMETER_VALUE_COMMAND_CONTENT_INVALID = "InvalidParameterValue.CommandContentInvalid", Parameter, false, "Invalid command content.", "Command 内容无效。";
    INVALID_PARAMETER_VALUE_COMMAND_NAME_DUPLICATED = "InvalidParameterValue.CommandNameDuplicated", Parameter, false, "Duplicate command name.", "Command 名称重复。";
    INVALID_PARAMETER_VALUE_ID = "InvalidParameterValue.ID", Parameter, false, "Malformed ID.", "ID 格式错误。";
    INVALID_PARAMETER_VALUE_INCONSISTENT_ID = "InvalidParameterValue.InconsistentID", Parameter, false, "The IDs in the list are malformed or of different kinds.", "ID 数组中，ID 格式错误或格式不一致。";
    INVALID_PARAMETER_VALUE_INCONSISTENT_INSTANCE = "InvalidParameterValue.InconsistentInstance", Parameter, false, "Inconsistent instance types: CVM and Lighthouse instances cannot be mixed.", "实例类型不一致：CVM 与轻量应用服务器实例不能混用。";
    INVALID_PARAMETER_VALUE_INSTANCE_IS_NOT_RELATED_TO_INVOCATION = "InvalidParameterValue.InstanceIsNotRelatedToInvocation", Parameter, false, "The instance is not part of this invocation.", "实例 ID 与执行活动无关。";
    INVALID_PARAMETER_VALUE_INVALID_COMMAND_ID = "InvalidParameterValue.InvalidCommandId", Parameter, false, "Invalid CommandId.", "CommandId 无效。";
    INVALID_PARAMETER_VALUE_INVALID_COMMAND_NAME = "InvalidParameterValue.InvalidCommandName", Parameter, false, "Invalid command name.", "Command 名称无效。";
    INVALID_PARAMETER_VALUE_INVALID_CONTENT = "InvalidParameterValue.InvalidContent", Parameter, false, "Invalid command.", "命令内容无效。";
    INVALID_PARAMETER_VALUE_INVALID_CRON_EXPRESSION = "InvalidParameterValue.InvalidCronExpression", Parameter, false, "Invalid cron expression.", "Crontab 表达式无效。";
    INVALID_PARAMETER_VALUE_INVALID_FILTER = "InvalidParameterValue.InvalidFilter", Parameter, false, "Invalid filter.", "Filter 无效。";
    INVALID_PARAMETER_VALUE_INVALID_INSTANCE_ID = "InvalidParameterValue.InvalidInstanceId", Parameter, false, "Invalid instance ID.", "实例 ID 无效。";
    INVALID_PARAMETER_VALUE_INVALID_INVOCATION_ID = "InvalidParameterValue.InvalidInvocationId", Parameter, false, "Invalid invocation ID.", "不合法的执行活动 ID。";
    INVALID_PARAMETER_VALUE_INVALID_INVOCATION_TASK_ID = "InvalidParameterValue.InvalidInvocationTaskId", Parameter, false, "Invalid invocation task ID.", "不合法的执行任务 ID。";
    INVALID_PARAMETER_VALUE_INVALID_INVOKER_ID = "InvalidParameterValue.InvalidInvokerId", Parameter, false, "Invalid InvokerId.", "InvokerId 无效。";
    INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_BUCKET_URL = "InvalidParameterValue.InvalidOutputCOSBucketUrl", Parameter, false, "Invalid OutputCOSBucketUrl.", "OutputCOSBucketUrl 无效。";
    INVALID_PARAMETER_VALUE_INVALID_OUTPUT_COS_KEY_PREFIX = "InvalidParameterValue.InvalidOutputCOSKeyPrefix", Parameter, false, "Invalid OutputCOSKeyPrefix.", "OutputCOSKeyPrefix 无效。";
    INVALID_PARAMETER_VALUE_INVALID_REGISTER_CODE_ID = "InvalidParameterValue.InvalidRegisterCodeId", Parameter, false, "Invalid register code ID.", "无效的注册码 ID。";
    INVALID_PARAMETER_VALUE_INVALID_REGISTER_INSTANCE_ID = "InvalidParameterValue.InvalidRegisterInstanceId", Parameter, false, "Invalid managed instance ID.", "无效的托管实例 ID。";
    INVALID_PARAMETER_VALUE_INVALID_SCENE_ID = "InvalidParameterValue.InvalidSceneId", Parameter, false, "Invalid scene ID.", "无效的场景 ID。";
    INVALID_PARAMETER_VALUE_INVALID_SCENE_NAME = "InvalidParameterValue.InvalidSceneName", Parameter, false, "Invalid scene name.", "无效的场景名称。";
    INVALID_PARAMETER_VALUE_INVALID_TIME_FORMAT = "InvalidParameterValue.InvalidTimeFormat", Parameter, false, "Invalid time format.", "无效的时间格式。";
    INVALID_PARAMETER_VALUE_INVALID_USERNAME = "InvalidParameterValue.InvalidUsername", Parameter, false, "Invalid username.", "用户名不合法。";
    INVALID_PARAMETER_VALUE_INVALID_WORKING_DIRECTORY = "InvalidParameterValue.InvalidWorkingDirectory", Parameter, false, "Invalid command execution path.", "命令执行路径不合法。";
    INVALID_PARAMETER_VALUE_INVOKE_TIME_EXPIRED = "InvalidParameterValue.InvokeTimeExpired", Parameter, false, "The invocation time has already passed.", "调用时间已过期。";
    INVALID_PARAMETER_VALUE_LACK_OF_PARAMETER_INFO = "InvalidParameterValue.LackOfParameterInfo", Parameter, false, "The custom parameter feature is enabled, but custom parameters are missing.", "已启用自定义参数功能，但缺失自定义参数信息。";
    INVALID_PARAMETER_VALUE_LACK_OF_PARAMETERS = "InvalidParameterValue.LackOfParameters", Parameter, false, "Parameters are not provided.", "未提供 Parameters 信息。";
    INVALID_PARAMETER_VALUE_LIMIT_EXCEEDED = "InvalidParameterValue.LimitExceeded", Parameter, false, "Parameter limit exceeded.", "超过参数限制。";
    INVALID_PARAMETER_VALUE_PARAMETER_DISABLED = "InvalidParameterValue.ParameterDisabled", Parameter, false, "The custom parameter feature is not enabled.", "未启用自定义参数功能。";
    INVALID_PARAMETER_VALUE_PARAMETER_INVALID_JSON_FORMAT = "InvalidParameterValue.ParameterInvalidJsonFormat", Parameter, false, "The parameter is not a valid JSON string.", "参数为非法 json string 格式。";
    INVALID_PARAMETER_VALUE_PARAMETER_KEY_CONTAINS_INVALID_CHAR = "InvalidParameterValue.ParameterKeyContainsInvalidChar", Parameter, false, "The parameter key contains invalid characters.", "参数 Key 包含非法字符。";
    INVALID_PARAMETER_VALUE_PARAMETER_KEY_DUPLICATED = "InvalidParameterValue.ParameterKeyDuplicated", Parameter, false, "Duplicate parameter keys.", "参数 Key 重复。";
    INVALID_PARAMETER_VALUE_PARAMETER_KEY_LEN_EXCEEDED = "InvalidParameterValue.ParameterKeyLenExceeded", Parameter, false, "The parameter key is too long.", "参数 Key 过长。";
    INVALID_PARAMETER_VALUE_PARAMETER_NUMBER_EXCEEDED = "InvalidParameterValue.ParameterNumberExceeded", Parameter, false, "Too many parameters.", "参数数目过多。";
    INVALID_PARAMETER_VALUE_PARAMETER_VALUE_NOT_STRING = "InvalidParameterValue.ParameterValueNotString", Parameter, false, "The parameter value is not a string.", "参数 Value 非 string 类型。";
    INVALID_PARAMETER_VALUE_RANGE = "InvalidParameterValue.Range", Parameter, false, "The parameter value is not in the valid range.", "参数取值范围不合法。";
    INVALID_PARAMETER_VALUE_SUPPORT_PARAMETERS_ONLY_IF_ENABLE_PARAMETER = "InvalidParameterValue.SupportParametersOnlyIfEnableParameter", Parameter, false, "The custom parameter feature is not enabled.", "未启用自定义参数功能。";
    INVALID_PARAMETER_VALUE_TOO_LARGE = "InvalidParameterValue.TooLarge", Parameter, false, "The parameter value is too large.", "参数取值过大。";
    INVALID_PARAMETER_VALUE_TOO_LONG = "InvalidParameterValue.TooLong", Parameter, false, "Length limit exceeded.", "长度超过限制。";
    INVALID_PARAMETER_VALUE_TOO_SMALL = "InvalidParameterValue.TooSmall", Parameter, false, "The parameter value is too small.", "参数取值过小。";
    LIMIT_EXCEEDED_FILTER_VALUE_EXCEEDED = "LimitExceeded.FilterValueExceeded", Limit, false, "Too many filter values.", "填写的 Filter 取值过多。";
    OPERATION_DENIED = "OperationDenied", Permission, false, "The operation was denied.", "操作被拒绝。";
    RESOURCE_NOT_FOUND_COMMAND_NOT_FOUND = "ResourceNotFound.CommandNotFound", Resource, false, "The command does not exist.", "命令不存在。";
    RESOURCE_NOT_FOUND_COS_BUCKET_NOT_FOUND_CODE = "ResourceNotFound.CosBucketNotFoundCode", Resource, false, "The COS bucket does not exist.", "COS 存储桶不存在。";
    RESOURCE_NOT_FOUND_INSTANCE_NOT_FOUND = "ResourceNotFound.InstanceNotFound", Resource, false, "The instance does not exist.", "实例不存在。";
    RESOURCE_NOT_FOUND_INVOCATION_NOT_FOUND = "ResourceNotFound.InvocationNotFound", Resource, false, "The invocation does not exist.", "执行活动未找到。";
    RESOURCE_NOT_FOUND_REGISTER_CODES_NOT_FOUND_CODE = "ResourceNotFound.RegisterCodesNotFoundCode", Resource, false, "The register code does not exist.", "查询不到注册码。";
    RESOURCE_NOT_FOUND_REGISTER_INSTANCE_NOT_FOUND_CODE = "ResourceNotFound.RegisterInstanceNotFoundCode", Resource, false, "The managed instance does not exist.", "查询不到注册实例。";
    RESOURCE_NOT_FOUND_ROLE_NOT_FOUND = "ResourceNotFound.RoleNotFound", Resource, false, "The role does not exist.", "角色不存在。";
    RESOURCE_UNAVAILABLE_AGENT_NOT_INSTALLED = "ResourceUnavailable.AgentNotInstalled", Resource, false, "The TAT agent is not installed on the instance.", "实例未安装 TAT Agent。";
    RESOURCE_UNAVAILABLE_AGENT_STATUS_NOT_ONLINE = "ResourceUnavailable.AgentStatusNotOnline", Resource, true, "The TAT agent is offline. Retry once the agent is online.", "TAT Agent 不在线，请在 Agent 上线后重试。";
    RESOURCE_UNAVAILABLE_COMMAND_IN_EXECUTING = "ResourceUnavailable.CommandInExecuting", Resource, true, "The command is being executed. Retry when it has finished.", "命令正在执行中，请在执行结束后重试。";
    RESOURCE_UNAVAILABLE_COMMAND_IN_INVOKER = "ResourceUnavailable.CommandInInvoker", Resource, false, "The command is bound to an invoker.", "命令已关联执行器。";
    RESOURCE_UNAVAILABLE_INSTANCE_STATE_NOT_RUNNING = "ResourceUnavailable.InstanceStateNotRunning", Resource, false, "The instance is not running. Start it, then retry.", "实例未处于运行中，请启动后重试。";
    RESOURCE_UNAVAILABLE_INVALID_RESOURCE_QUOTA_RESOURCE_CODE = "ResourceUnavailable.InvalidResourceQuotaResourceCode", Resource, false, "The resource name does not exist.", "不存在的资源名称。";
    RESOURCE_UNAVAILABLE_LIGHTHOUSE_UNSUPPORTED_REGION = "ResourceUnavailable.LighthouseUnsupportedRegion", Resource, false, "Lighthouse is not supported in this region.", "Lighthouse 尚不支持指定的地域。";
    RESOURCE_UNAVAILABLE_USER_HAS_NO_QUOTA_CODE = "ResourceUnavailable.UserHasNoQuotaCode", Limit, false, "The account's quota is used up.", "用户配额已用完。";
    UNAUTHORIZED_OPERATION_ASSUME_ROLE_UNAUTHORIZED = "UnauthorizedOperation.AssumeRoleUnauthorized", Permission, false, "Assuming the role is not authorized.", "角色扮演未授权。";
    UNAUTHORIZED_OPERATION_CAM_AUTH_FAILED = "UnauthorizedOperation.CamAuthFailed", Permission, false, "CAM authentication failed: the account lacks permission for this action.", "CAM 鉴权失败：账号无此操作权限。";
    UNAUTHORIZED_OPERATION_INVALID_TOKEN = "UnauthorizedOperation.InvalidToken", Permission, false, "Invalid token.", "Token 无效。";
    UNAUTHORIZED_OPERATION_MFA_EXPIRED = "UnauthorizedOperation.MFAExpired", Permission, false, "The multi-factor authentication (MFA) code has expired.", "Multi-Factor Authentication(MFA) 过期。";
    UNAUTHORIZED_OPERATION_MFA_NOT_FOUND = "UnauthorizedOperation.MFANotFound", Permission, false, "Multi-factor authentication (MFA) does not exist.", "Multi-Factor Authentication(MFA) 不存在。";
    UNAUTHORIZED_OPERATION_NEED_APPROVAL = "UnauthorizedOperation.NeedApproval", Permission, false, "This operation needs approval.", "此操作需要批准。";
}

/// The catalogue entry of exactly `code`.
pub fn lookup(code: &str) -> Option<ErrorInfo> {
    catalogue().find(|e| e.code == code)
}

/// The generic answer for a code of an unknown family.
const UNKNOWN_EN: &str = "Unknown error code.";
const UNKNOWN_ZH: &str = zh!("未知错误码。");

/// Describes a service error code. A code not in the catalogue falls back to its family, the
/// part before the first `.` (`InvalidParameterValue.Foo` answers as `InvalidParameterValue`,
/// with `known: false`); a code of no known family gets a generic message and is not retryable.
pub fn describe_error(code: &str, lang: Language) -> ErrorDescription {
    if let Some(e) = lookup(code) {
        return ErrorDescription {
            code: code.to_owned(),
            message: lang.pick(e.en, e.zh),
            retryable: e.retryable,
            known: true,
            category: Some(e.category),
        };
    }
    let family = code.split('.').next().unwrap_or("");
    match lookup(family) {
        Some(e) => ErrorDescription {
            code: code.to_owned(),
            message: lang.pick(e.en, e.zh),
            retryable: e.retryable,
            known: false,
            category: Some(e.category),
        },
        None => ErrorDescription {
            code: code.to_owned(),
            message: lang.pick(UNKNOWN_EN, UNKNOWN_ZH),
            retryable: false,
            known: false,
            category: None,
        },
    }
}
