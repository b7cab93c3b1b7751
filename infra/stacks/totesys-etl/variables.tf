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
  description = "Prefix of every resource name; bucket names are global, so include something unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-30 lower-case letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "function_zip" {
  description = "Zip with the sluice-etl classes (extract, transform, load handlers). null = ../../../sluice-etl/target/sluice-etl-functions.zip."
  type        = string
  default     = null
}

variable "layer_zip" {
  description = "Layer zip (java/lib/*.jar) with sluice-etl's runtime dependencies. null = ../../../sluice-etl/target/sluice-etl-layer.zip."
  type        = string
  default     = null
}

variable "extract_schedule" {
  description = "EventBridge Scheduler expression for the extract. The seed's requirement: changes visible within 30 minutes."
  type        = string
  default     = "rate(5 minutes)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.extract_schedule))
    error_message = "extract_schedule must be a rate(...) or cron(...) expression."
  }
}

variable "warehouse_lag_alarm_seconds" {
  description = "Alarm when WarehouseLagSeconds (extract to warehouse commit) exceeds this."
  type        = number
  default     = 1800
}

variable "vpc_config" {
  description = "Subnets (at least two AZs) and security groups for the extract and load functions, which reach private databases. null = no VPC."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition     = var.vpc_config == null || try(length(var.vpc_config.subnet_ids) >= 2 && length(var.vpc_config.security_group_ids) >= 1, false)
    error_message = "vpc_config needs subnets in at least two availability zones and one security group."
  }
}

variable "metrics_namespace" {
  description = "Powertools metrics namespace of the three functions."
  type        = string
  default     = "sluice"
}

variable "log_level" {
  description = "Application log level."
  type        = string
  default     = "INFO"
}

variable "architecture" {
  description = "arm64 or x86_64."
  type        = string
  default     = "arm64"
}

variable "memory_size" {
  description = "Memory in MB of each function (the transform keeps the lookup tables in memory)."
  type        = number
  default     = 1024
}

variable "timeout" {
  description = "Timeout in seconds of each function."
  type        = number
  default     = 600
}

variable "log_retention_days" {
  description = "Log retention in days."
  type        = number
  default     = 30
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the stack's single alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }
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
