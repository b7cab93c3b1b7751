# Plan-only security tests: no AWS account, no emulator. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::sluice-test-bucket"
    }
  }
}

variables {
  name = "sluice-test-bucket"
}

run "secure_defaults" {
  command = plan

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "All four public access block flags must be on."
  }

  assert {
    condition     = output.security.sse_algorithm == "AES256"
    error_message = "Default encryption must be SSE-S3 without a KMS key."
  }

  assert {
    condition     = output.security.versioning_status == "Enabled"
    error_message = "Versioning must be enabled."
  }

  assert {
    condition = (
      output.security.tls_only_policy.Statement[0].Effect == "Deny" &&
      output.security.tls_only_policy.Statement[0].Principal == "*" &&
      output.security.tls_only_policy.Statement[0].Action == "s3:*" &&
      output.security.tls_only_policy.Statement[0].Condition.Bool["aws:SecureTransport"] == "false" &&
      toset(output.security.tls_only_policy.Statement[0].Resource) == toset(["arn:aws:s3:::sluice-test-bucket", "arn:aws:s3:::sluice-test-bucket/*"])
    )
    error_message = "The bucket policy must deny every non-TLS request on the bucket and its objects."
  }

  assert {
    condition     = output.security.abort_incomplete_multipart_upload_days == 7 && output.security.noncurrent_version_expiration_days == 30
    error_message = "Lifecycle must abort incomplete multipart uploads (7 days) and expire noncurrent versions (30 days)."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
  }

  assert {
    condition     = aws_s3_bucket.this.force_destroy == false
    error_message = "force_destroy must be off by default."
  }

  assert {
    condition     = length(aws_s3_bucket_logging.this) == 0
    error_message = "Access logging is opt-in."
  }
}

run "sse_kms_with_bucket_key" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition = (
      output.security.sse_algorithm == "aws:kms" &&
      one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id == var.kms_key_arn &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled
    )
    error_message = "With a KMS key the bucket must use SSE-KMS with a bucket key."
  }
}

run "access_logging" {
  command = plan

  variables {
    access_logging = { target_bucket = "sluice-logs", target_prefix = "s3/" }
  }

  assert {
    condition     = aws_s3_bucket_logging.this[0].target_bucket == "sluice-logs" && aws_s3_bucket_logging.this[0].target_prefix == "s3/"
    error_message = "Access logging must go to the given bucket and prefix."
  }
}

run "emulator_without_tls_policy" {
  command = plan

  variables {
    enforce_tls_policy = false
  }

  assert {
    condition     = length(aws_s3_bucket_policy.tls_only) == 0 && output.security.tls_only_policy == null
    error_message = "enforce_tls_policy = false must drop the policy (moto only)."
  }
}

run "rejects_invalid_bucket_name" {
  command = plan

  variables {
    name = "Not_A_Bucket"
  }

  expect_failures = [var.name]
}
