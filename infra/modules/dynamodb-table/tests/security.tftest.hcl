# Plan-only tests: no AWS account, no emulator. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan
}

variables {
  name     = "sluice-test-customers"
  hash_key = "customer_id"
}

run "secure_defaults" {
  command = plan

  assert {
    condition     = output.security == { billing_mode = "PAY_PER_REQUEST", sse_enabled = true, point_in_time_recovery = true, deletion_protection = true }
    error_message = "On-demand, encrypted, PITR and deletion protection by default."
  }

  assert {
    condition     = aws_dynamodb_table.this.hash_key == "customer_id" && aws_dynamodb_table.this.range_key == null && length(aws_dynamodb_table.this.ttl) == 0
    error_message = "Hash key only, no TTL, by default."
  }
}

run "sort_key_and_ttl" {
  command = plan

  variables {
    range_key     = "order_id"
    ttl_attribute = "expires_at"
  }

  assert {
    condition     = aws_dynamodb_table.this.range_key == "order_id" && length(aws_dynamodb_table.this.attribute) == 2 && one(aws_dynamodb_table.this.ttl).attribute_name == "expires_at"
    error_message = "Sort key and TTL must be configurable."
  }
}

run "rejects_bad_key_type" {
  command = plan

  variables {
    hash_key_type = "BOOL"
  }

  expect_failures = [var.hash_key_type]
}
