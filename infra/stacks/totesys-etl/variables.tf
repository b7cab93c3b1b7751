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
  description = "The freshness SLO: alarm when SourceToWarehouseLagSeconds or WarehouseFreshnessSeconds exceeds this, or when no load reports freshness for this long."
  type        = number
  default     = 1800

  validation {
    condition     = var.warehouse_lag_alarm_seconds >= 300 && var.warehouse_lag_alarm_seconds <= 86400
    error_message = "warehouse_lag_alarm_seconds must be between 300 and 86400 (CloudWatch evaluates at most a day)."
  }
}

variable "extract_heartbeat_minutes" {
  description = "Alarm when the extract reports no run (ExtractRuns) for this many minutes; a multiple of 5, at least three schedule intervals."
  type        = number
  default     = 15

  validation {
    condition     = var.extract_heartbeat_minutes >= 10 && var.extract_heartbeat_minutes % 5 == 0 && var.extract_heartbeat_minutes <= 1440
    error_message = "extract_heartbeat_minutes must be a multiple of 5 between 10 and 1440."
  }
}

variable "throttle_alarm_threshold" {
  description = "Alarm when the transform's or load's Throttles over 5 minutes exceed this (one reserved slot: an occasional throttle is expected and retried). The extract alarms on any throttle."
  type        = number
  default     = 5
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

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the ingestion and processed buckets (SSE-KMS with a bucket key). Its key policy must let the account's IAM policies grant use (the functions get kms:Decrypt/GenerateDataKey on it). null = SSE-S3."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN or null."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a destroyed database secret stays restorable (its name stays taken meanwhile). 0 = delete at once, so a redeploy with the same name_prefix works; 7-30 otherwise."
  type        = number
  default     = 30

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "secret_rotation" {
  description = "Rotation of the database secrets, by secret (\"totesys\", \"warehouse\"): the rotation function's ARN and the interval. Empty = no rotation."
  type = map(object({
    lambda_arn               = string
    automatically_after_days = optional(number, 30)
  }))
  default = {}

  validation {
    condition     = alltrue([for k in keys(var.secret_rotation) : contains(["totesys", "warehouse"], k)])
    error_message = "secret_rotation keys must be \"totesys\" or \"warehouse\"."
  }
}

variable "vpc_endpoints" {
  description = "With vpc_config: create the S3 gateway endpoint (on these route tables) and the Secrets Manager interface endpoint (in vpc_config's subnets; plus KMS when kms_key_arn is set), so the extract and load reach them without a NAT gateway. null = no endpoints (give the subnets a NAT route instead)."
  type = object({
    vpc_id          = string
    route_table_ids = list(string)
  })
  default = null

  validation {
    condition     = var.vpc_endpoints == null || var.vpc_config != null
    error_message = "vpc_endpoints needs vpc_config (the endpoints serve the functions' subnets)."
  }

  validation {
    condition     = var.vpc_endpoints == null || try(length(var.vpc_endpoints.route_table_ids) >= 1, false)
    error_message = "vpc_endpoints needs the VPC id and at least one route table of the functions' subnets."
  }
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

variable "glue_catalog" {
  description = "Create a Glue Data Catalog database (<name_prefix>_totesys) with one table per star-schema table over the processed Parquet, so Athena can query it (README: Query with Athena)."
  type        = bool
  default     = false
}

variable "quicksight" {
  description = "Create a QuickSight PostgreSQL data source over the warehouse and a direct-query dataset over fact_sales_order. Needs a QuickSight Enterprise subscription in the account; principal_arn is the QuickSight user or group ARN that owns them; vpc_connection_arn is needed for a private warehouse. null = none."
  type = object({
    principal_arn      = string
    warehouse_host     = string
    warehouse_port     = optional(number, 5432)
    warehouse_database = string
    vpc_connection_arn = optional(string)
  })
  default = null
}
