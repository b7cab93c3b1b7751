variable "function_name" {
  description = "Lambda function name; also names its role, log group, DLQ, alarm topic and alarms."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,56}$", var.function_name))
    error_message = "function_name must be 1-56 characters of letters, digits, '-' and '_' (56 leaves room for the '-dlq' and '-alarms' suffixes)."
  }
}

variable "description" {
  description = "Function description."
  type        = string
  default     = ""
}

variable "handler" {
  description = "Java handler, e.g. dev.sluice.lambda.filter.FilterS3Handler::handleRequest."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$.]*(::[A-Za-z_$][A-Za-z0-9_$]*)?$", var.handler))
    error_message = "handler must be a fully qualified Java class name, optionally followed by ::method."
  }
}

variable "filename" {
  description = "Path to the function zip built by Maven (sluice-lambda/target/sluice-functions.zip). Its SHA-256 drives redeploys."
  type        = string

  validation {
    condition     = endswith(var.filename, ".zip")
    error_message = "filename must point to a .zip deployment package."
  }
}

variable "architecture" {
  description = "Instruction set: arm64 (Graviton, cheaper per GB-second) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout" {
  description = "Timeout in seconds."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds between 1 and 900."
  }
}

variable "environment" {
  description = "Environment variables of the function."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", k))])
    error_message = "Environment variable names must start with a letter and contain only letters, digits and '_'."
  }
}

variable "layers" {
  description = "Layer version ARNs (at most 5)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.layers) <= 5
    error_message = "Lambda accepts at most 5 layers."
  }
}

variable "snap_start" {
  description = "Enable SnapStart on published versions (the alias always points at a published version)."
  type        = bool
  default     = true
}

variable "alias_name" {
  description = "Alias that triggers invoke; it is moved to each newly published version."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.alias_name))
    error_message = "alias_name must start with a letter and contain only letters, digits, '-' and '_' (not a version number)."
  }
}

variable "log_retention_days" {
  description = "Retention of the function's log group, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653); never-expire is not allowed."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key ARN to encrypt the log group (the key policy must allow logs.<region>.amazonaws.com). null = CloudWatch Logs default encryption."
  type        = string
  default     = null
}

variable "application_log_level" {
  description = "Minimum level of application log lines Lambda keeps (JSON log format)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.application_log_level)
    error_message = "application_log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "tracing_mode" {
  description = "X-Ray tracing mode."
  type        = string
  default     = "Active"

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing_mode)
    error_message = "tracing_mode must be Active or PassThrough."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency (caps parallel invocations, e.g. to protect a downstream table). null = unreserved."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null || try(var.reserved_concurrent_executions >= 0, false)
    error_message = "reserved_concurrent_executions must be null or >= 0."
  }
}

variable "policy_statements" {
  description = "The function's own least-privilege IAM statements (Allow). Logs, X-Ray and the DLQ are added by the module. No '*' actions or resources."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue(flatten([for s in var.policy_statements : [for a in s.actions : a != "*" && !endswith(a, ":*")]]))
    error_message = "policy_statements must not use wildcard actions ('*' or 'service:*')."
  }

  validation {
    condition     = alltrue(flatten([for s in var.policy_statements : [for r in s.resources : r != "*"]]))
    error_message = "policy_statements must not use '*' as a resource."
  }

  validation {
    condition     = alltrue([for s in var.policy_statements : can(regex("^[A-Za-z0-9]+$", s.sid))])
    error_message = "Each statement sid must be alphanumeric."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failed asynchronous invocation (S3 notifications) before the event goes to the DLQ."
  type        = number
  default     = 2

  validation {
    condition     = contains([0, 1, 2], var.maximum_retry_attempts)
    error_message = "maximum_retry_attempts must be 0, 1 or 2."
  }
}

variable "maximum_event_age_in_seconds" {
  description = "Maximum age of an asynchronous event before it is sent to the DLQ."
  type        = number
  default     = 21600

  validation {
    condition     = var.maximum_event_age_in_seconds >= 60 && var.maximum_event_age_in_seconds <= 21600
    error_message = "maximum_event_age_in_seconds must be between 60 and 21600."
  }
}

variable "dlq_kms_key_arn" {
  description = "KMS key for the on-failure DLQ. null = SQS-managed encryption (SSE-SQS)."
  type        = string
  default     = null
}

variable "dlq_message_retention_seconds" {
  description = "How long failed events stay in the DLQ."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be between 60 and 1209600 (14 days)."
  }
}

variable "alarm_topic_arn" {
  description = "Existing SNS topic every alarm of this function publishes to (e.g. one topic shared by a stack's functions). null = the module creates its own topic, \"<function_name>-alarms\". When set, alarm_emails and alarm_topic_kms_key_id must be left empty: subscriptions and encryption belong to the topic's owner."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), or null."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the module's own alarm topic (each must confirm the subscription). Empty = no subscription. Must be empty when alarm_topic_arn is set."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }

  validation {
    condition     = var.alarm_topic_arn == null || length(var.alarm_emails) == 0
    error_message = "alarm_emails subscribe to the module's own topic; with alarm_topic_arn set, subscribe the addresses to that topic instead."
  }
}

variable "alarm_topic_kms_key_id" {
  description = "Customer-managed KMS key for the module's own alarm SNS topic. Its key policy must let cloudwatch.amazonaws.com use it (the AWS-managed alias/aws/sns key does not, so it cannot be used with alarms). null = unencrypted topic. Must be null when alarm_topic_arn is set."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || var.alarm_topic_kms_key_id == null
    error_message = "alarm_topic_kms_key_id encrypts the module's own topic; with alarm_topic_arn set, encrypt that topic where it is created."
  }
}

variable "error_alarm_threshold" {
  description = "Alarm when the function's Errors sum over 5 minutes is above this."
  type        = number
  default     = 0
}

variable "metric_alarms" {
  description = "Extra alarms on the function's own metrics (e.g. FilesFailed in its Powertools namespace). They publish to the same topic."
  type = list(object({
    name                = string
    namespace           = string
    metric_name         = string
    dimensions          = optional(map(string), {})
    statistic           = optional(string, "Sum")
    threshold           = optional(number, 0)
    comparison_operator = optional(string, "GreaterThanThreshold")
    period              = optional(number, 300)
    evaluation_periods  = optional(number, 1)
    datapoints_to_alarm = optional(number)
    # notBreaching for event counts (no event = nothing wrong); breaching for heartbeats and freshness, where
    # silence itself is the failure (a stalled pipeline emits nothing).
    treat_missing_data = optional(string, "notBreaching")
  }))
  default = []

  validation {
    condition     = alltrue([for a in var.metric_alarms : contains(["breaching", "notBreaching", "ignore", "missing"], a.treat_missing_data)])
    error_message = "treat_missing_data must be breaching, notBreaching, ignore or missing."
  }
}

variable "throttle_alarm_threshold" {
  description = "Alarm when the function's Throttles sum over 5 minutes is above this."
  type        = number
  default     = 0
}

variable "duration_alarm_ratio" {
  description = "Alarm when an invocation's Duration (maximum over 5 minutes) exceeds this fraction of the timeout."
  type        = number
  default     = 0.8

  validation {
    condition     = var.duration_alarm_ratio > 0 && var.duration_alarm_ratio < 1
    error_message = "duration_alarm_ratio must be between 0 and 1 (exclusive)."
  }
}

variable "vpc_config" {
  description = "Attach the function to a VPC (only for functions that reach a private database). Subnets in at least two AZs."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition     = var.vpc_config == null || try(length(var.vpc_config.subnet_ids) >= 2 && length(var.vpc_config.security_group_ids) >= 1, false)
    error_message = "vpc_config needs at least two subnets (two AZs) and one security group."
  }
}

variable "emulator_mode" {
  description = "Local emulator (moto_server) only: omit the snap_start and logging_config blocks, which moto accepts but does not store (a perpetual diff that republishes the function on every apply). Never true on AWS."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
