locals {
  # aws_endpoint = null: real AWS with the normal credential chain. Set: a local emulator (moto_server) with dummy keys.
  emulator = var.aws_endpoint != null
}

provider "aws" {
  region = var.region

  access_key                  = local.emulator ? "test" : null
  secret_key                  = local.emulator ? "test" : null
  skip_credentials_validation = local.emulator
  skip_requesting_account_id  = local.emulator
  skip_metadata_api_check     = local.emulator
  skip_region_validation      = local.emulator
  s3_use_path_style           = local.emulator

  endpoints {
    cloudwatch     = var.aws_endpoint
    dynamodb       = var.aws_endpoint
    ec2            = var.aws_endpoint
    glue           = var.aws_endpoint
    iam            = var.aws_endpoint
    kms            = var.aws_endpoint
    lambda         = var.aws_endpoint
    scheduler      = var.aws_endpoint
    secretsmanager = var.aws_endpoint
    logs           = var.aws_endpoint
    quicksight     = var.aws_endpoint
    s3             = var.aws_endpoint
    sns            = var.aws_endpoint
    sqs            = var.aws_endpoint
    sts            = var.aws_endpoint
  }

  default_tags {
    tags = merge({ Project = "sluice", Stack = "totesys-etl", ManagedBy = "terraform" }, var.tags)
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
