//! The error and task-status catalogues are complete and answer in both languages.

use tat_request::errors::{self, catalogue, describe_error};
use tat_request::status::{describe_task_status, STATUSES};
use tat_request::Language;

/// Every code of the RunCommand document's error table (seeds/000_…, section 6).
const SEED_CODES: &[&str] = &[
    "FailedOperation.CVMError",
    "FailedOperation.LighthouseError",
    "InternalError",
    "InvalidParameter",
    "InvalidParameter.InvalidUsername",
    "InvalidParameter.ParameterNameDuplicated",
    "InvalidParameterValue",
    "InvalidParameterValue.AgentUnsupportedCommandType",
    "InvalidParameterValue.CommandContentInvalid",
    "InvalidParameterValue.CommandNameDuplicated",
    "InvalidParameterValue.InconsistentInstance",
    "InvalidParameterValue.InvalidCommandName",
    "InvalidParameterValue.InvalidContent",
    "InvalidParameterValue.InvalidInstanceId",
    "InvalidParameterValue.InvalidOutputCOSBucketUrl",
    "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
    "InvalidParameterValue.InvalidUsername",
    "InvalidParameterValue.InvalidWorkingDirectory",
    "InvalidParameterValue.LackOfParameterInfo",
    "InvalidParameterValue.LimitExceeded",
    "InvalidParameterValue.ParameterDisabled",
    "InvalidParameterValue.ParameterInvalidJsonFormat",
    "InvalidParameterValue.ParameterKeyContainsInvalidChar",
    "InvalidParameterValue.ParameterKeyDuplicated",
    "InvalidParameterValue.ParameterKeyLenExceeded",
    "InvalidParameterValue.ParameterNumberExceeded",
    "InvalidParameterValue.ParameterValueNotString",
    "InvalidParameterValue.Range",
    "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
    "InvalidParameterValue.TooLong",
    "MissingParameter",
    "ResourceNotFound.InstanceNotFound",
    "ResourceNotFound.RoleNotFound",
    "ResourceUnavailable.AgentNotInstalled",
    "ResourceUnavailable.AgentStatusNotOnline",
    "ResourceUnavailable.InstanceStateNotRunning",
    "ResourceUnavailable.LighthouseUnsupportedRegion",
    "UnauthorizedOperation.CamAuthFailed",
    "UnauthorizedOperation.InvalidToken",
    "UnauthorizedOperation.MFAExpired",
    "UnauthorizedOperation.MFANotFound",
];

/// The official Python SDK's `tencentcloud/tat/v20201028/errorcodes.py`.
const SDK_CODES: &[&str] = &[
    "AuthFailure",
    "AuthFailure.UnauthorizedOperation",
    "FailedOperation.CVMError",
    "FailedOperation.LighthouseError",
    "FailedOperation.TagOperationFailed",
    "InternalError",
    "InvalidFilter",
    "InvalidParameter",
    "InvalidParameter.ConflictParameter",
    "InvalidParameter.InvalidUsername",
    "InvalidParameter.ParameterNameDuplicated",
    "InvalidParameterValue",
    "InvalidParameterValue.AgentUnsupportedCommandType",
    "InvalidParameterValue.CommandContentInvalid",
    "InvalidParameterValue.CommandNameDuplicated",
    "InvalidParameterValue.ID",
    "InvalidParameterValue.InconsistentID",
    "InvalidParameterValue.InconsistentInstance",
    "InvalidParameterValue.InstanceIsNotRelatedToInvocation",
    "InvalidParameterValue.InvalidCommandId",
    "InvalidParameterValue.InvalidCommandName",
    "InvalidParameterValue.InvalidContent",
    "InvalidParameterValue.InvalidCronExpression",
    "InvalidParameterValue.InvalidFilter",
    "InvalidParameterValue.InvalidInstanceId",
    "InvalidParameterValue.InvalidInvocationId",
    "InvalidParameterValue.InvalidInvocationTaskId",
    "InvalidParameterValue.InvalidInvokerId",
    "InvalidParameterValue.InvalidOutputCOSBucketUrl",
    "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
    "InvalidParameterValue.InvalidRegisterCodeId",
    "InvalidParameterValue.InvalidRegisterInstanceId",
    "InvalidParameterValue.InvalidSceneId",
    "InvalidParameterValue.InvalidSceneName",
    "InvalidParameterValue.InvalidTimeFormat",
    "InvalidParameterValue.InvalidUsername",
    "InvalidParameterValue.InvalidWorkingDirectory",
    "InvalidParameterValue.InvokeTimeExpired",
    "InvalidParameterValue.LackOfParameterInfo",
    "InvalidParameterValue.LackOfParameters",
    "InvalidParameterValue.LimitExceeded",
    "InvalidParameterValue.ParameterDisabled",
    "InvalidParameterValue.ParameterInvalidJsonFormat",
    "InvalidParameterValue.ParameterKeyContainsInvalidChar",
    "InvalidParameterValue.ParameterKeyDuplicated",
    "InvalidParameterValue.ParameterKeyLenExceeded",
    "InvalidParameterValue.ParameterNumberExceeded",
    "InvalidParameterValue.ParameterValueNotString",
    "InvalidParameterValue.Range",
    "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
    "InvalidParameterValue.TooLarge",
    "InvalidParameterValue.TooLong",
    "InvalidParameterValue.TooSmall",
    "LimitExceeded",
    "LimitExceeded.FilterValueExceeded",
    "MissingParameter",
    "OperationDenied",
    "ResourceNotFound",
    "ResourceNotFound.CommandNotFound",
    "ResourceNotFound.CosBucketNotFoundCode",
    "ResourceNotFound.InstanceNotFound",
    "ResourceNotFound.InvocationNotFound",
    "ResourceNotFound.RegisterCodesNotFoundCode",
    "ResourceNotFound.RegisterInstanceNotFoundCode",
    "ResourceNotFound.RoleNotFound",
    "ResourceUnavailable",
    "ResourceUnavailable.AgentNotInstalled",
    "ResourceUnavailable.AgentStatusNotOnline",
    "ResourceUnavailable.CommandInExecuting",
    "ResourceUnavailable.CommandInInvoker",
    "ResourceUnavailable.InstanceStateNotRunning",
    "ResourceUnavailable.InvalidResourceQuotaResourceCode",
    "ResourceUnavailable.LighthouseUnsupportedRegion",
    "ResourceUnavailable.UserHasNoQuotaCode",
    "UnauthorizedOperation.AssumeRoleUnauthorized",
    "UnauthorizedOperation.CamAuthFailed",
    "UnauthorizedOperation.InvalidToken",
    "UnauthorizedOperation.MFAExpired",
    "UnauthorizedOperation.MFANotFound",
    "UnauthorizedOperation.NeedApproval",
    "UnknownParameter",
    "UnsupportedOperation",
];

/// The API 3.0 common error codes.
const COMMON_CODES: &[&str] = &[
    "ActionOffline",
    "AuthFailure.InvalidAuthorization",
    "AuthFailure.InvalidSecretId",
    "AuthFailure.MFAFailure",
    "AuthFailure.SecretIdNotFound",
    "AuthFailure.SignatureExpire",
    "AuthFailure.SignatureFailure",
    "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation",
    "DryRunOperation",
    "FailedOperation",
    "InternalError",
    "InvalidAction",
    "InvalidParameter",
    "InvalidParameterValue",
    "InvalidRequest",
    "IpInBlacklist",
    "IpNotInWhitelist",
    "LimitExceeded",
    "MissingParameter",
    "NoSuchProduct",
    "NoSuchVersion",
    "RequestLimitExceeded",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    "RequestLimitExceeded.IPLimitExceeded",
    "RequestLimitExceeded.UinLimitExceeded",
    "RequestSizeLimitExceeded",
    "ResourceInUse",
    "ResourceInsufficient",
    "ResourceNotFound",
    "ResourceUnavailable",
    "ResponseSizeLimitExceeded",
    "ServiceUnavailable",
    "UnauthorizedOperation",
    "UnknownParameter",
    "UnsupportedOperation",
    "UnsupportedProtocol",
    "UnsupportedRegion",
];

#[test]
fn every_code_is_known_in_both_languages() {
    for code in SEED_CODES.iter().chain(SDK_CODES).chain(COMMON_CODES) {
        let en = describe_error(code, Language::EnUs);
        let zh = describe_error(code, Language::ZhCn);
        assert!(en.known && zh.known, "{code} missing");
        assert!(!en.message.is_empty() && !zh.message.is_empty(), "{code}");
        assert_ne!(en.message, zh.message, "{code} has no Chinese message");
        assert!(
            zh.message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{code}: {}",
            zh.message
        );
    }
    assert_eq!(SEED_CODES.len(), 41);
}

#[test]
fn no_code_twice_and_no_code_outside_the_sources() {
    let all: Vec<_> = catalogue().collect();
    for (i, e) in all.iter().enumerate() {
        assert!(
            all[..i].iter().all(|o| o.code != e.code),
            "{} twice",
            e.code
        );
        assert!(
            SEED_CODES.contains(&e.code)
                || SDK_CODES.contains(&e.code)
                || COMMON_CODES.contains(&e.code),
            "{} has no source",
            e.code
        );
    }
}

#[test]
fn retry_advice() {
    for code in [
        "InternalError",
        "RequestLimitExceeded",
        "RequestLimitExceeded.IPLimitExceeded",
        "ServiceUnavailable",
        "FailedOperation.CVMError",
        "ResourceUnavailable.AgentStatusNotOnline",
        "AuthFailure.SignatureExpire",
    ] {
        assert!(describe_error(code, Language::EnUs).retryable, "{code}");
    }
    for code in [
        "AuthFailure.SignatureFailure",
        "InvalidParameterValue.Range",
        "MissingParameter",
        "UnauthorizedOperation.CamAuthFailed",
        "ResourceNotFound.InstanceNotFound",
    ] {
        assert!(!describe_error(code, Language::EnUs).retryable, "{code}");
    }
}

#[test]
fn unknown_codes_fall_back_by_prefix() {
    let d = describe_error("InvalidParameterValue.SomethingNew", Language::EnUs);
    assert_eq!(
        (d.known, d.retryable, d.message),
        (false, false, "Invalid parameter value.")
    );
    assert_eq!(d.code, "InvalidParameterValue.SomethingNew");
    let d = describe_error("RequestLimitExceeded.NewLimit", Language::ZhCn);
    assert_eq!((d.known, d.retryable), (false, true));
    assert_eq!(d.message, "请求的次数超过了频率限制，请稍后重试。");
    let d = describe_error("Totally.Unknown", Language::EnUs);
    assert_eq!(
        (d.known, d.retryable, d.message, d.category),
        (false, false, "Unknown error code.", None)
    );
    assert!(!describe_error("", Language::EnUs).known);
}

#[test]
fn constants_match_their_codes() {
    assert_eq!(
        errors::codes::INVALID_PARAMETER_VALUE_RANGE,
        "InvalidParameterValue.Range"
    );
    assert_eq!(
        errors::codes::AUTH_FAILURE_SIGNATURE_EXPIRE,
        "AuthFailure.SignatureExpire"
    );
}

#[test]
fn task_statuses() {
    let seed = [
        "PENDING",
        "DELIVERING",
        "DELIVER_DELAYED",
        "DELIVER_FAILED",
        "RUNNING",
        "TIMEOUT",
        "SUCCESS",
        "TASK_TIMEOUT",
        "FAILED",
    ];
    let more = ["START_FAILED", "CANCELLING", "CANCELLED", "TERMINATED"];
    assert_eq!(STATUSES.len(), seed.len() + more.len());
    let terminal = [
        "DELIVER_FAILED",
        "TIMEOUT",
        "SUCCESS",
        "TASK_TIMEOUT",
        "FAILED",
        "START_FAILED",
        "CANCELLED",
        "TERMINATED",
    ];
    for s in seed.iter().chain(&more) {
        let en = describe_task_status(s, Language::EnUs);
        let zh = describe_task_status(s, Language::ZhCn);
        assert!(en.known, "{s}");
        assert_eq!(en.terminal, terminal.contains(s), "{s}");
        assert_ne!(en.label, zh.label);
        assert_ne!(en.description, zh.description);
    }
    // The product overview's labels, exactly.
    assert_eq!(
        describe_task_status("DELIVER_DELAYED", Language::EnUs).label,
        "Delayed delivery"
    );
    assert_eq!(
        describe_task_status("TASK_TIMEOUT", Language::EnUs).label,
        "Task execution timeout"
    );
    let u = describe_task_status("SOMETHING_NEW", Language::EnUs);
    assert_eq!(
        (u.known, u.terminal, u.label.as_str()),
        (false, false, "SOMETHING_NEW")
    );
}

/// RunCommand's hand-written parameter lists (the seed document's, and what `latest` adds)
/// against the generated table from the API description: no name the service does not know.
#[test]
fn run_command_parameter_lists_agree_with_the_api_description() {
    use tat_request::rules::run_command::{LATEST_PARAMETERS, PARAMETERS};
    let api: Vec<&str> = tat_request::rules::schema::action("RunCommand")
        .expect("RunCommand in the generated table")
        .params
        .iter()
        .map(|p| p.name)
        .collect();
    for name in PARAMETERS.iter().chain(LATEST_PARAMETERS) {
        assert!(
            api.contains(name),
            "{name} is not a RunCommand parameter of the API"
        );
    }
    // The limits table's string lengths are the API description's, in both rule sets.
    use tat_request::rules::limits::{LATEST, SEED};
    use tat_request::rules::schema::{action, param, Len};
    let params = action("RunCommand").unwrap().params;
    let len = |name: &str| param(params, name).and_then(|p| p.len);
    for l in [&SEED, &LATEST] {
        assert_eq!(
            len("CommandName"),
            Some(Len::Bytes(l.command_name_max_bytes))
        );
        assert_eq!(
            len("Description"),
            Some(Len::Chars(l.description_max_chars))
        );
        assert_eq!(
            len("OutputCOSKeyPrefix"),
            Some(Len::Chars(l.cos_key_prefix_max_chars))
        );
    }
}
