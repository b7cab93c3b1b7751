variable "function_name" {
  description = "Name of the notifier function; also names its role, log group and dedup table."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,56}$", var.function_name))
    error_message = "function_name must be 1-56 characters of letters, digits, '-' and '_'."
  }
}

variable "filename" {
  description = "The notifier's deployment zip (sluice-notifier/target/sluice-notifier.zip). Its SHA-256 drives redeploys."
  type        = string

  validation {
    condition     = endswith(var.filename, ".zip")
    error_message = "filename must point to a .zip deployment package."
  }
}

variable "handler" {
  description = "Java handler of the notifier."
  type        = string
  default     = "dev.sluice.notifier.ErrorNotifierHandler::handleRequest"
}

variable "layers" {
  description = "Layer version ARNs (none by default: the notifier zip carries its own dependencies)."
  type        = list(string)
  default     = []
}

variable "architecture" {
  description = "arm64 or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB."
  type        = number
  default     = 512
}

variable "timeout" {
  description = "Timeout in seconds (one SNS publish and one DynamoDB conditional write per distinct error)."
  type        = number
  default     = 30
}

variable "alert_topic_arn" {
  description = "SNS topic the alert e-mails go to (ALERT_TOPIC_ARN); the notifier may publish to this topic only."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alert_topic_arn))
    error_message = "alert_topic_arn must be an SNS topic ARN."
  }
}

variable "alert_topic_kms_key_arn" {
  description = "Customer-managed KMS key of an encrypted alert topic (publishing needs kms:GenerateDataKey*/Decrypt on it). null = the topic is not encrypted with a CMK."
  type        = string
  default     = null
}

variable "alert_window_seconds" {
  description = "ALERT_WINDOW_SECONDS: the same error (fingerprint) is e-mailed at most once per window."
  type        = number
  default     = 900

  validation {
    condition     = var.alert_window_seconds >= 60 && floor(var.alert_window_seconds) == var.alert_window_seconds
    error_message = "alert_window_seconds must be a whole number of seconds >= 60."
  }
}

variable "log_groups" {
  description = "Log groups to watch, by a static key (e.g. the function's role in the stack) => log group name. Each gets one subscription filter (CloudWatch Logs allows two per group)."
  type        = map(string)

  validation {
    condition     = length(var.log_groups) >= 1
    error_message = "log_groups must name at least one log group."
  }

  validation {
    condition     = !contains(values(var.log_groups), "/aws/lambda/${var.function_name}")
    error_message = "The notifier must not watch its own log group (each alert would trigger another)."
  }
}

variable "filter_pattern" {
  description = "CloudWatch Logs filter pattern of the lines sent to the notifier. Default: JSON application lines at ERROR/FATAL (Powertools and Lambda's JSON log format) and Lambda platform records of a timed-out or crashed invocation."
  type        = string
  default     = "{ ($.level = \"ERROR\") || ($.level = \"FATAL\") || ($.record.status = \"timeout\") || ($.record.status = \"error\") }"
}

variable "log_retention_days" {
  description = "Retention of the notifier's own log group, in days."
  type        = number
  default     = 30
}

variable "emulator_mode" {
  description = "Local emulator (moto_server) only: omit the logging_config block, which moto does not store."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
