# Plan-only tests of the whole stack: every bucket, the function and the trigger keep the secure defaults.
# Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan
}

override_data {
  target = data.aws_caller_identity.current
  values = {
    account_id = "123456789012"
  }
}

override_resource {
  target          = module.source_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-dynamodb-source", id = "sluice-test-dynamodb-source" }
}

override_resource {
  target          = module.errors_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-errors", id = "sluice-test-errors" }
}

override_resource {
  target          = module.artifacts_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-ddb-artifacts", id = "sluice-test-ddb-artifacts" }
}

# Computed ARNs the assertions compare (the mock provider leaves them unknown at plan otherwise).
override_resource {
  target          = module.loader_function.aws_sqs_queue.dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-csv-to-dynamodb-dlq" }
}

override_resource {
  target          = module.loader_function.aws_cloudwatch_log_group.this
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-csv-to-dynamodb" }
}

override_resource {
  target          = module.trigger.aws_sqs_queue.events
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-csv-to-dynamodb-events" }
}

override_resource {
  target          = module.table.aws_dynamodb_table.this
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-test-customers" }
}

override_resource {
  target          = module.loader_function.aws_sns_topic.alarms
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-csv-to-dynamodb-alarms" }
}

override_resource {
  target          = module.error_notifier.aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-csv-to-dynamodb-notifier" }
}

override_data {
  target = module.error_notifier.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.error_notifier.data.aws_partition.current
  values = { partition = "aws" }
}

override_data {
  target = module.error_notifier.data.aws_region.current
  values = { name = "us-east-1" }
}

variables {
  name_prefix   = "sluice-test"
  function_zip  = "../../test/fixtures/dummy.zip"
  layer_zip     = "../../test/fixtures/dummy.zip"
  notifier_zip  = "../../test/fixtures/dummy.zip"
  source_prefix = "incoming/"
}

run "every_bucket_is_private_encrypted_versioned_tls_only" {
  command = plan

  assert {
    condition = alltrue([
      for b in [module.source_bucket.security, module.errors_bucket.security, module.artifacts_bucket.security] :
      alltrue(values(b.public_access_block)) &&
      b.sse_algorithm == "AES256" &&
      b.versioning_status == "Enabled" &&
      b.tls_only_policy.Statement[0].Effect == "Deny" &&
      b.tls_only_policy.Statement[0].Condition.Bool["aws:SecureTransport"] == "false" &&
      b.abort_incomplete_multipart_upload_days == 7 &&
      b.force_destroy == false
    ])
    error_message = "Every bucket needs the public access block, encryption, versioning, the TLS-only policy and MPU abort."
  }
}

run "function_is_traced_logged_snapstarted_and_parked_on_failure" {
  command = plan

  assert {
    condition = (
      module.loader_function.security.runtime == "java21" &&
      module.loader_function.security.tracing_mode == "Active" &&
      module.loader_function.security.log_format == "JSON" &&
      module.loader_function.security.log_retention_days == 30 &&
      module.loader_function.security.snap_start_apply_on == "PublishedVersions" &&
      module.loader_function.security.alias_name == "live" &&
      module.loader_function.security.on_failure_destination == module.loader_function.security.dlq_arn &&
      module.loader_function.security.dlq_sse
    )
    error_message = "The function must have tracing, JSON logs with retention, SnapStart with alias live and an encrypted DLQ."
  }

  assert {
    condition = (
      contains(module.loader_function.security.alarm_metrics, "AWS/Lambda/Errors") &&
      contains(module.loader_function.security.alarm_metrics, "AWS/SQS/ApproximateNumberOfMessagesVisible") &&
      contains(module.loader_function.security.alarm_metrics, "sluice/RowsRejected")
    )
    error_message = "Errors and DLQ depth (and the function's failure metric) must be alarmed."
  }
}

run "iam_is_least_privilege" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for s in module.loader_function.security.policy.Statement : [for a in s.Action : a != "*" && !endswith(a, ":*")]
    ]))
    error_message = "No wildcard actions."
  }

  assert {
    condition = alltrue([
      for s in module.loader_function.security.policy.Statement :
      !contains(s.Resource, "*") || s.Sid == "XRayWriteRequiresWildcardResource"
    ])
    error_message = "'*' resource only in the documented X-Ray statement."
  }

  assert {
    condition = {
      for s in module.loader_function.security.policy.Statement : s.Sid => [s.Action, s.Resource]
      if contains(["ReadSourceObjects", "ListSourcePrefix", "WriteRejectsAndErrorReports", "DeleteStaleReports", "ListOwnReports", "WriteItemsToOwnTable"], s.Sid)
      } == {
      ReadSourceObjects           = [["s3:GetObject", "s3:GetObjectVersion"], ["arn:aws:s3:::sluice-test-dynamodb-source/incoming/*"]]
      ListSourcePrefix            = [["s3:ListBucket"], ["arn:aws:s3:::sluice-test-dynamodb-source"]]
      WriteRejectsAndErrorReports = [["s3:PutObject", "s3:AbortMultipartUpload"], ["arn:aws:s3:::sluice-test-errors/dynamodb/*"]]
      DeleteStaleReports          = [["s3:DeleteObject"], ["arn:aws:s3:::sluice-test-errors/dynamodb/*"]]
      ListOwnReports              = [["s3:ListBucket"], ["arn:aws:s3:::sluice-test-errors"]]
      WriteItemsToOwnTable        = [["dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PutItem", "dynamodb:UpdateItem"], ["arn:aws:dynamodb:us-east-1:123456789012:table/sluice-test-customers"]]
    }
    error_message = "The function may read only its source and write only its own outputs."
  }

  assert {
    condition = one([
      for s in module.loader_function.security.policy.Statement : s.Condition if s.Sid == "ListOwnReports"
    ]) == { StringLike = { "s3:prefix" = ["dynamodb/*"] } }
    error_message = "Listing the reports bucket is limited to the function's own report prefix."
  }
}

run "s3_permission_is_scoped_to_bucket_and_account" {
  command = plan

  assert {
    condition = module.trigger.security.permissions == [{
      principal      = "s3.amazonaws.com"
      source_arn     = "arn:aws:s3:::sluice-test-dynamodb-source"
      source_account = "123456789012"
      qualifier      = "live"
    }]
    error_message = "S3 may invoke only the alias, only for the source bucket in this account."
  }
}

run "table_is_on_demand_encrypted_recoverable_protected" {
  command = plan

  assert {
    condition     = module.table.security == { billing_mode = "PAY_PER_REQUEST", sse_enabled = true, point_in_time_recovery = true, deletion_protection = true }
    error_message = "The table must be on-demand, encrypted, with PITR and deletion protection."
  }
}

run "failures_are_alarmed_and_error_lines_are_mailed" {
  command = plan

  assert {
    condition     = contains(module.loader_function.security.alarm_metrics, "sluice/FilesFailed")
    error_message = "The function's permanent failures (FilesFailed) must be alarmed."
  }

  assert {
    condition = module.loader_function.security.treat_missing_data == {
      "sluice-test-csv-to-dynamodb-errors"                = "notBreaching"
      "sluice-test-csv-to-dynamodb-dlq-not-empty"         = "notBreaching"
      "sluice-test-csv-to-dynamodb-throttles"             = "notBreaching"
      "sluice-test-csv-to-dynamodb-duration-near-timeout" = "notBreaching"
      "sluice-test-csv-to-dynamodb-files-failed"          = "notBreaching"
      "sluice-test-csv-to-dynamodb-rows-rejected"         = "notBreaching"
    } && module.error_notifier.security.alarm_treat_missing == "notBreaching"
    error_message = "Every alarm of the stack states what missing data means: no event is no failure."
  }

  assert {
    condition = (
      module.error_notifier.security.subscribed_log_groups == tolist(["/aws/lambda/sluice-test-csv-to-dynamodb"]) &&
      module.error_notifier.security.environment["ALERT_TOPIC_ARN"] == "arn:aws:sns:us-east-1:123456789012:sluice-test-csv-to-dynamodb-alarms" &&
      module.error_notifier.security.permissions["loader"].source_arn == "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-csv-to-dynamodb:*"
    )
    error_message = "The function's ERROR lines go through the notifier to its alarm topic."
  }
}
