variable "name" {
  description = "Table name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "name must be 3-255 characters of letters, digits, '_', '-' and '.'."
  }
}

variable "hash_key" {
  description = "Partition key attribute name (e.g. customer_id)."
  type        = string
}

variable "hash_key_type" {
  description = "Partition key type: S, N or B."
  type        = string
  default     = "S"

  validation {
    condition     = contains(["S", "N", "B"], var.hash_key_type)
    error_message = "hash_key_type must be S, N or B."
  }
}

variable "range_key" {
  description = "Optional sort key attribute name. null = no sort key."
  type        = string
  default     = null
}

variable "range_key_type" {
  description = "Sort key type: S, N or B."
  type        = string
  default     = "S"

  validation {
    condition     = contains(["S", "N", "B"], var.range_key_type)
    error_message = "range_key_type must be S, N or B."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for server-side encryption. null = the AWS-managed key alias/aws/dynamodb."
  type        = string
  default     = null
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (continuous backups, 35 days)."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse DeleteTable (set false before `terraform destroy`)."
  type        = bool
  default     = true
}

variable "ttl_attribute" {
  description = "Attribute holding an epoch-seconds expiry time. null = no TTL."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the table."
  type        = map(string)
  default     = {}
}
