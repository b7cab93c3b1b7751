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
  values          = { arn = "arn:aws:s3:::sluice-test-source", id = "sluice-test-source" }
}

override_resource {
  target          = module.destination_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-filtered", id = "sluice-test-filtered" }
}

override_resource {
  target          = module.artifacts_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-artifacts", id = "sluice-test-artifacts" }
}

# Computed ARNs the assertions compare (the mock provider leaves them unknown at plan otherwise).
override_resource {
  target          = module.filter_function.aws_sqs_queue.dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-csv-filter-dlq" }
}

override_resource {
  target          = module.filter_function.aws_cloudwatch_log_group.this
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-csv-filter" }
}

override_resource {
  target          = module.trigger.aws_sqs_queue.events
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-csv-filter-events" }
}

override_resource {
  target          = module.filter_function.aws_sns_topic.alarms
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-csv-filter-alarms" }
}

override_resource {
  target          = module.error_notifier.aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-csv-filter-notifier" }
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
      for b in [module.source_bucket.security, module.destination_bucket.security, module.artifacts_bucket.security] :
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
      module.filter_function.security.runtime == "java21" &&
      module.filter_function.security.tracing_mode == "Active" &&
      module.filter_function.security.log_format == "JSON" &&
      module.filter_function.security.log_retention_days == 30 &&
      module.filter_function.security.snap_start_apply_on == "PublishedVersions" &&
      module.filter_function.security.alias_name == "live" &&
      module.filter_function.security.on_failure_destination == module.filter_function.security.dlq_arn &&
      module.filter_function.security.dlq_sse
    )
    error_message = "The filter function must have tracing, JSON logs with retention, SnapStart with alias live and an encrypted DLQ."
  }

  assert {
    condition = (
      contains(module.filter_function.security.alarm_metrics, "AWS/Lambda/Errors") &&
      contains(module.filter_function.security.alarm_metrics, "AWS/SQS/ApproximateNumberOfMessagesVisible") &&
      contains(module.filter_function.security.alarm_metrics, "sluice/FilesFailed")
    )
    error_message = "Errors, DLQ depth and FilesFailed must be alarmed."
  }
}

run "iam_is_least_privilege" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for s in module.filter_function.security.policy.Statement : [for a in s.Action : a != "*" && !endswith(a, ":*")]
    ]))
    error_message = "No wildcard actions."
  }

  assert {
    condition = alltrue([
      for s in module.filter_function.security.policy.Statement :
      !contains(s.Resource, "*") || s.Sid == "XRayWriteRequiresWildcardResource"
    ])
    error_message = "'*' resource only in the documented X-Ray statement."
  }

  assert {
    condition = {
      for s in module.filter_function.security.policy.Statement : s.Sid => [s.Action, s.Resource]
      if contains(["ReadSourceObjects", "ListSourcePrefix", "WriteFilteredObjectsAndErrorReports", "DeleteStaleErrorReports", "ReadOwnOutputs", "ListOwnErrorReportsAndOutputs"], s.Sid)
      } == {
      ReadSourceObjects                   = [["s3:GetObject", "s3:GetObjectVersion"], ["arn:aws:s3:::sluice-test-source/incoming/*"]]
      ListSourcePrefix                    = [["s3:ListBucket"], ["arn:aws:s3:::sluice-test-source"]]
      WriteFilteredObjectsAndErrorReports = [["s3:PutObject", "s3:AbortMultipartUpload"], ["arn:aws:s3:::sluice-test-filtered/*", "arn:aws:s3:::sluice-test-filtered/_errors/*"]]
      DeleteStaleErrorReports             = [["s3:DeleteObject"], ["arn:aws:s3:::sluice-test-filtered/_errors/*"]]
      ReadOwnOutputs                      = [["s3:GetObject"], ["arn:aws:s3:::sluice-test-filtered/*"]]
      ListOwnErrorReportsAndOutputs       = [["s3:ListBucket"], ["arn:aws:s3:::sluice-test-filtered"]]
    }
    error_message = "The function may read only the source prefix and write only the destination (outputs and _errors/)."
  }

  assert {
    condition = one([
      for s in module.filter_function.security.policy.Statement : s.Condition if s.Sid == "ListOwnErrorReportsAndOutputs"
    ]) == { StringLike = { "s3:prefix" = ["_errors/*", "*"] } }
    error_message = "Listing the destination bucket is limited to the function's own report and output prefixes."
  }
}

run "s3_permission_is_scoped_to_bucket_and_account" {
  command = plan

  assert {
    condition = module.trigger.security.permissions == [{
      principal      = "s3.amazonaws.com"
      source_arn     = "arn:aws:s3:::sluice-test-source"
      source_account = "123456789012"
      qualifier      = "live"
    }]
    error_message = "S3 may invoke only the alias, only for the source bucket in this account."
  }
}

run "sqs_trigger_mode" {
  command = plan

  variables {
    trigger_mode = "sqs"
  }

  assert {
    condition = (
      module.trigger.security.permissions == [] &&
      module.trigger.security.queue_policy.Statement[0].Condition.ArnEquals["aws:SourceArn"] == "arn:aws:s3:::sluice-test-source" &&
      module.trigger.security.queue_policy.Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "In sqs mode only the source bucket of this account may enqueue, and S3 gets no invoke permission."
  }
}

run "emulator_settings" {
  command = plan

  variables {
    aws_endpoint       = "http://127.0.0.1:5000"
    enforce_tls_policy = false
  }

  assert {
    condition     = module.source_bucket.security.tls_only_policy == null && module.filter_function.security.snap_start_apply_on == null
    error_message = "local.tfvars settings drop only what moto cannot handle."
  }
}

run "rejects_output_prefix_under_errors" {
  command = plan

  variables {
    output_prefix = "_errors/x/"
  }

  expect_failures = [var.output_prefix]
}

run "failures_are_alarmed_and_error_lines_are_mailed" {
  command = plan

  assert {
    condition     = contains(module.filter_function.security.alarm_metrics, "sluice/FilesFailed")
    error_message = "The function's permanent failures (FilesFailed) must be alarmed."
  }

  assert {
    condition = module.filter_function.security.treat_missing_data == {
      "sluice-test-csv-filter-errors"                = "notBreaching"
      "sluice-test-csv-filter-dlq-not-empty"         = "notBreaching"
      "sluice-test-csv-filter-throttles"             = "notBreaching"
      "sluice-test-csv-filter-duration-near-timeout" = "notBreaching"
      "sluice-test-csv-filter-files-failed"          = "notBreaching"
    } && module.error_notifier.security.alarm_treat_missing == "notBreaching"
    error_message = "Every alarm of the stack states what missing data means: no event is no failure."
  }

  assert {
    condition = (
      module.error_notifier.security.subscribed_log_groups == tolist(["/aws/lambda/sluice-test-csv-filter"]) &&
      module.error_notifier.security.environment["ALERT_TOPIC_ARN"] == "arn:aws:sns:us-east-1:123456789012:sluice-test-csv-filter-alarms" &&
      module.error_notifier.security.permissions["filter"].source_arn == "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-csv-filter:*"
    )
    error_message = "The function's ERROR lines go through the notifier to its alarm topic."
  }
}
