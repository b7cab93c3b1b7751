variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "aws_endpoint" {
  description = "Endpoint of a local AWS emulator (e.g. http://127.0.0.1:5000 for moto_server). null = real AWS."
  type        = string
  default     = null

  validation {
    condition     = var.aws_endpoint == null || can(regex("^https?://", var.aws_endpoint))
    error_message = "aws_endpoint must be null or an http(s) URL."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name; bucket names are global, so include something unique (e.g. your account id)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-30 lower-case letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "function_zip" {
  description = "Function zip built by `./mvnw -pl sluice-lambda -am package`. null = ../../../sluice-lambda/target/sluice-functions.zip."
  type        = string
  default     = null
}

variable "layer_zip" {
  description = "Layer zip built by the same command. null = ../../../sluice-lambda/target/sluice-layer.zip."
  type        = string
  default     = null
}

variable "existing_layer_arn" {
  description = "Layer version ARN already published by the csv-filter stack (share one layer). null = publish our own from layer_zip."
  type        = string
  default     = null
}

variable "source_prefix" {
  description = "Only objects under this key prefix trigger the metadata function (empty = whole bucket)."
  type        = string
  default     = ""
}

variable "filter_suffixes" {
  description = "Key suffixes that trigger (S3 filters are case-sensitive). [\"\"] = every object: metadata is written for any file, a CSV profile for CSVs."
  type        = list(string)
  default     = [""]
}

variable "log_level" {
  description = "LOG_LEVEL of the function (and Lambda's application log level filter)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR."
  }
}

variable "metrics_namespace" {
  description = "POWERTOOLS_METRICS_NAMESPACE: CloudWatch namespace of the function's metrics."
  type        = string
  default     = "sluice"
}

variable "notifier_zip" {
  description = "Zip of the error notifier (sluice-notifier). null = ../../../sluice-notifier/target/sluice-notifier.zip."
  type        = string
  default     = null
}

variable "alert_window_seconds" {
  description = "The error notifier e-mails the same error at most once per this many seconds."
  type        = number
  default     = 900
}

variable "architecture" {
  description = "arm64 or x86_64."
  type        = string
  default     = "arm64"
}

variable "memory_size" {
  description = "Function memory in MB. Streaming keeps memory flat; more memory mostly buys CPU."
  type        = number
  default     = 512
}

variable "timeout" {
  description = "Function timeout in seconds (profiling streams the whole CSV)."
  type        = number
  default     = 300
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency. null = unreserved."
  type        = number
  default     = null
}

variable "log_retention_days" {
  description = "Log retention in days."
  type        = number
  default     = 30
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic."
  type        = list(string)
  default     = []
}

variable "bucket_kms_key_arn" {
  description = "Customer-managed KMS key for the data buckets (SSE-KMS). null = SSE-S3. The function is granted Decrypt/GenerateDataKey on it."
  type        = string
  default     = null
}

variable "enforce_tls_policy" {
  description = "Attach the deny-non-TLS bucket policies. false only for moto_server."
  type        = bool
  default     = true
}

variable "force_destroy_buckets" {
  description = "Let `terraform destroy` delete non-empty buckets (tests and demos only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}
