variable "layer_name" {
  description = "Layer name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.layer_name))
    error_message = "layer_name must be 1-64 characters of letters, digits, '-' and '_'."
  }
}

variable "description" {
  description = "Layer description."
  type        = string
  default     = "Shared third-party dependencies (java/lib/*.jar)."
}

variable "zip_path" {
  description = "Path to the layer zip built by Maven (sluice-lambda/target/sluice-layer.zip)."
  type        = string

  validation {
    condition     = endswith(var.zip_path, ".zip")
    error_message = "zip_path must point to a .zip file."
  }
}

variable "artifacts_bucket" {
  description = "Name of the (private, versioned) bucket the layer zip is stored in."
  type        = string
}

variable "s3_key_prefix" {
  description = "Key prefix for the layer zip in the artifacts bucket; the key ends with the zip's SHA-256, so every content change is a new object."
  type        = string
  default     = "layers/"

  validation {
    condition     = var.s3_key_prefix == "" || endswith(var.s3_key_prefix, "/")
    error_message = "s3_key_prefix must be empty or end with '/'."
  }
}

variable "compatible_runtimes" {
  description = "Runtimes the layer is published for."
  type        = list(string)
  default     = ["java21"]
}

variable "compatible_architectures" {
  description = "Architectures the layer is published for (pure-Java jars work on both)."
  type        = list(string)
  default     = ["arm64", "x86_64"]

  validation {
    condition     = alltrue([for a in var.compatible_architectures : contains(["arm64", "x86_64"], a)])
    error_message = "compatible_architectures may contain only arm64 and x86_64."
  }
}

variable "skip_destroy" {
  description = "Keep superseded layer versions (and the last one on destroy) instead of deleting them: other stacks may use them. false only for throwaway environments (the emulator run)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the S3 object."
  type        = map(string)
  default     = {}
}
