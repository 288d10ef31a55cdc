//! The task status catalogue: the status table of the product overview (PENDING ... FAILED)
//! plus START_FAILED, CANCELLING, CANCELLED and TERMINATED, which `DescribeInvocationTasks`
//! also returns.

use crate::Language;

/// One task status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInfo {
    /// The API's spelling (`RUNNING`).
    pub status: &'static str,
    /// Whether the task can no longer change.
    pub terminal: bool,
    /// en-US console label.
    pub label_en: &'static str,
    /// zh-CN console label.
    pub label_zh: &'static str,
    /// en-US description.
    pub description_en: &'static str,
    /// zh-CN description.
    pub description_zh: &'static str,
}

/// Every known task status, in the order a task passes through them.
pub static STATUSES: &[StatusInfo] = &[
    StatusInfo { status: "PENDING", terminal: false, label_en: "Waiting to be delivered", label_zh: zh!("等待下发"), description_en: "The command is waiting to be delivered by the system.", description_zh: zh!("命令等待系统下发。") },
    StatusInfo { status: "DELIVERING", terminal: false, label_en: "Delivering", label_zh: zh!("下发中"), description_en: "The command is being delivered to the target instance.", description_zh: zh!("命令正在下发到目标实例。") },
    StatusInfo { status: "DELIVER_DELAYED", terminal: false, label_en: "Delayed delivery", label_zh: zh!("延时下发"), description_en: "The command delivery is delayed.", description_zh: zh!("命令延时下发。") },
    StatusInfo { status: "DELIVER_FAILED", terminal: true, label_en: "Delivery failed", label_zh: zh!("下发失败"), description_en: "Failed to deliver the command.", description_zh: zh!("命令下发失败。") },
    StatusInfo { status: "START_FAILED", terminal: true, label_en: "Failed to start", label_zh: zh!("命令启动失败"), description_en: "The command could not be started on the instance (for example, the user or working directory does not exist).", description_zh: zh!("命令无法在实例上启动（例如用户或执行路径不存在）。") },
    StatusInfo { status: "RUNNING", terminal: false, label_en: "Executing", label_zh: zh!("命令运行中"), description_en: "The command is being executed.", description_zh: zh!("命令正在执行。") },
    StatusInfo { status: "SUCCESS", terminal: true, label_en: "Command completed", label_zh: zh!("命令成功"), description_en: "The command has finished. This does not mean the task succeeded: check the Output and ExitCode of the result.", description_zh: zh!("命令执行完毕。这不代表任务成功，请查看结果中的 Output 与 ExitCode。") },
    StatusInfo { status: "FAILED", terminal: true, label_en: "Command failed", label_zh: zh!("命令失败"), description_en: "Unable to execute the command, or the command execution failed.", description_zh: zh!("命令无法执行，或执行失败。") },
    StatusInfo { status: "TIMEOUT", terminal: true, label_en: "Command timeout", label_zh: zh!("命令超时"), description_en: "The command did not finish within the specified timeout.", description_zh: zh!("命令未在指定的超时时间内完成。") },
    StatusInfo { status: "TASK_TIMEOUT", terminal: true, label_en: "Task execution timeout", label_zh: zh!("任务执行超时"), description_en: "The task was ended because the command execution timed out.", description_zh: zh!("命令执行超时，任务被终止。") },
    StatusInfo { status: "CANCELLING", terminal: false, label_en: "Cancelling", label_zh: zh!("取消中"), description_en: "The task is being cancelled.", description_zh: zh!("任务正在取消。") },
    StatusInfo { status: "CANCELLED", terminal: true, label_en: "Cancelled", label_zh: zh!("已取消"), description_en: "The task was cancelled before it ran.", description_zh: zh!("任务在执行前被取消。") },
    StatusInfo { status: "TERMINATED", terminal: true, label_en: "Terminated", label_zh: zh!("已中止"), description_en: "The task was terminated while it ran.", description_zh: zh!("任务在执行中被中止。") },
];

/// What [`describe_task_status`] answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusDescription {
    /// The status asked about, unchanged.
    pub status: String,
    /// The console label; for an unknown status, the status itself.
    pub label: String,
    /// A description.
    pub description: &'static str,
    /// Whether the task can no longer change. An unknown status counts as not terminal, so
    /// a poller keeps asking rather than stopping on a status it cannot read.
    pub terminal: bool,
    /// Whether the status is in the catalogue.
    pub known: bool,
}

/// The catalogue entry of `status` (exact spelling).
pub fn lookup(status: &str) -> Option<&'static StatusInfo> {
    STATUSES.iter().find(|s| s.status == status)
}

/// Describes a task status in `lang`.
pub fn describe_task_status(status: &str, lang: Language) -> StatusDescription {
    match lookup(status) {
        Some(s) => StatusDescription {
            status: status.to_owned(),
            label: lang.pick(s.label_en, s.label_zh).to_owned(),
            description: lang.pick(s.description_en, s.description_zh),
            terminal: s.terminal,
            known: true,
        },
        None => StatusDescription {
            status: status.to_owned(),
            label: status.to_owned(),
            description: lang.pick("Unknown task status.", zh!("未知的任务状态。")),
            terminal: false,
            known: false,
        },
    }
}
