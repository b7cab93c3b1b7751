variable "region" {
  description = "Region of the stacks (and of the state bucket)."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflows may assume the roles."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "name_prefix" {
  description = "The stacks' name_prefix (SLUICE_NAME_PREFIX): the apply role may manage only resources named with it."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-30 lower-case letters, digits or '-'."
  }
}

variable "state_bucket" {
  description = "Existing Terraform state bucket (docs/deploy.md step 3); the roles use the keys sluice/* in it."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider. false when it already exists (one per account and URL)."
  type        = bool
  default     = true
}

variable "production_environment" {
  description = "GitHub environment (with required reviewers) whose jobs may assume the apply role."
  type        = string
  default     = "production"
}
