terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Applied once per account by an administrator (docs/deploy.md, "GitHub Actions"). Keep its state in the state
  # bucket too: terraform init -backend-config="bucket=..." -backend-config="key=sluice/bootstrap/terraform.tfstate"
  # backend "s3" {
  #   encrypt      = true
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "sluice", Stack = "bootstrap", ManagedBy = "terraform" }
  }
}
