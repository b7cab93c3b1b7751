variable "mode" {
  description = "direct = S3 invokes the function alias asynchronously (retries + DLQ in lambda-function); sqs = S3 -> SQS queue (with its own DLQ) -> event source mapping with ReportBatchItemFailures."
  type        = string
  default     = "direct"

  validation {
    condition     = contains(["direct", "sqs"], var.mode)
    error_message = "mode must be direct or sqs."
  }
}

variable "bucket_name" {
  description = "Source bucket whose uploads trigger the function. This module owns the bucket's (single) notification configuration."
  type        = string
}

variable "bucket_arn" {
  description = "ARN of the source bucket (used as source_arn / aws:SourceArn)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$", var.bucket_arn))
    error_message = "bucket_arn must be a bucket ARN (arn:aws:s3:::name)."
  }
}

variable "source_account" {
  description = "Account that owns the bucket (source_account / aws:SourceAccount: guards against a re-created bucket of the same name in another account)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.source_account))
    error_message = "source_account must be a 12-digit AWS account id."
  }
}

variable "function_name" {
  description = "Name of the target function."
  type        = string
}

variable "function_alias_name" {
  description = "Alias the trigger invokes (the permission is granted on this qualifier only)."
  type        = string
}

variable "function_alias_arn" {
  description = "Qualified ARN of that alias."
  type        = string
}

variable "function_role_name" {
  description = "Execution role of the function; in sqs mode the module adds a statement to consume only its queue."
  type        = string
}

variable "function_timeout" {
  description = "Function timeout in seconds; the queue's visibility timeout is at least 6 times this (AWS guidance for event source mappings)."
  type        = number
}

variable "events" {
  description = "S3 event types that trigger."
  type        = list(string)
  default     = ["s3:ObjectCreated:*"]

  validation {
    condition     = length(var.events) > 0 && alltrue([for e in var.events : startswith(e, "s3:")])
    error_message = "events must be a non-empty list of S3 event types (s3:...)."
  }
}

variable "filter_prefix" {
  description = "Only keys with this prefix trigger (empty = any key)."
  type        = string
  default     = ""
}

variable "filter_suffixes" {
  description = "One notification rule per suffix; S3 suffix filters are case-sensitive, so add \".CSV\" to also catch upper case. [\"\"] = every key."
  type        = list(string)
  default     = [".csv"]

  validation {
    condition     = length(var.filter_suffixes) > 0 && length(distinct(var.filter_suffixes)) == length(var.filter_suffixes)
    error_message = "filter_suffixes must be a non-empty list without duplicates."
  }
}

variable "queue_name" {
  description = "sqs mode: name of the event queue (its DLQ gets a -dlq suffix). null = <function_name>-events."
  type        = string
  default     = null
}

variable "visibility_timeout_seconds" {
  description = "sqs mode: visibility timeout. null = 6 x function_timeout; smaller values are raised to that."
  type        = number
  default     = null
}

variable "batch_size" {
  description = "sqs mode: maximum messages per invocation."
  type        = number
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "sqs mode: how long to gather a batch."
  type        = number
  default     = 0

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300."
  }
}

variable "max_receive_count" {
  description = "sqs mode: receives before a message moves to the queue's DLQ."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "alarm_topic_arn" {
  description = "sqs mode: SNS topic for the queue-DLQ depth alarm (null = alarm without actions)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the queues and alarm."
  type        = map(string)
  default     = {}
}
