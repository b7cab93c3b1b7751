terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Remote state for real deployments: uncomment, then `terraform init -backend-config=backend.hcl`
  # (copy backend.hcl.example). S3-native locking (use_lockfile) needs no DynamoDB table. State is never committed.
  # backend "s3" {
  #   key          = "sluice/totesys-etl/terraform.tfstate"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}
