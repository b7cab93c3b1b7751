# Plan-only tests: no AWS account, no emulator. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-fn-events"
    }
  }
}

variables {
  bucket_name         = "sluice-test-source"
  bucket_arn          = "arn:aws:s3:::sluice-test-source"
  source_account      = "123456789012"
  function_name       = "sluice-test-fn"
  function_alias_name = "live"
  function_alias_arn  = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-fn:live"
  function_role_name  = "sluice-test-fn-role"
  function_timeout    = 120
  filter_prefix       = "incoming/"
  filter_suffixes     = [".csv", ".CSV"]
}

run "direct_notification_is_scoped" {
  command = plan

  assert {
    condition = output.security.permissions == [{
      principal      = "s3.amazonaws.com"
      source_arn     = "arn:aws:s3:::sluice-test-source"
      source_account = "123456789012"
      qualifier      = "live"
    }]
    error_message = "The invoke permission must be for S3, on the alias, with source_arn and source_account."
  }

  assert {
    condition     = aws_lambda_permission.s3[0].action == "lambda:InvokeFunction"
    error_message = "The permission grants only lambda:InvokeFunction."
  }

  assert {
    condition = [for f in aws_s3_bucket_notification.lambda[0].lambda_function : [f.lambda_function_arn, f.filter_prefix, f.filter_suffix, f.events]] == [
      [var.function_alias_arn, "incoming/", ".csv", toset(["s3:ObjectCreated:*"])],
      [var.function_alias_arn, "incoming/", ".CSV", toset(["s3:ObjectCreated:*"])],
    ]
    error_message = "One ObjectCreated rule per suffix, with the prefix, targeting the alias."
  }

  assert {
    condition     = length(aws_sqs_queue.events) == 0 && length(aws_lambda_event_source_mapping.sqs) == 0
    error_message = "direct mode creates no queue."
  }
}

run "sqs_mode" {
  command = plan

  variables {
    mode = "sqs"
  }

  assert {
    condition     = aws_sqs_queue.events[0].visibility_timeout_seconds == 6 * 120
    error_message = "Visibility timeout must be 6 x the function timeout."
  }

  assert {
    condition     = aws_sqs_queue.events[0].sqs_managed_sse_enabled && aws_sqs_queue.events_dlq[0].sqs_managed_sse_enabled
    error_message = "Both queues must be encrypted."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_policy.events[0].redrive_policy).maxReceiveCount == 5
    error_message = "The event queue must redrive to its DLQ."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.sqs[0].function_response_types == toset(["ReportBatchItemFailures"]) && aws_lambda_event_source_mapping.sqs[0].function_name == var.function_alias_arn
    error_message = "The mapping must target the alias and report partial batch failures."
  }

  assert {
    condition = (
      output.security.queue_policy.Statement[0].Principal == { Service = "s3.amazonaws.com" } &&
      output.security.queue_policy.Statement[0].Action == "sqs:SendMessage" &&
      output.security.queue_policy.Statement[0].Condition.ArnEquals["aws:SourceArn"] == var.bucket_arn &&
      output.security.queue_policy.Statement[0].Condition.StringEquals["aws:SourceAccount"] == var.source_account
    )
    error_message = "Only this bucket in this account may send to the queue."
  }

  assert {
    condition = alltrue([
      for s in output.security.consume_policy.Statement :
      !contains(s.Resource, "*") && alltrue([for a in s.Action : a != "*" && !endswith(a, ":*")])
    ])
    error_message = "The consume statement must not use wildcards."
  }

  assert {
    condition     = length(aws_lambda_permission.s3) == 0 && output.security.permissions == []
    error_message = "sqs mode grants S3 no invoke permission."
  }
}

run "visibility_never_below_six_times_timeout" {
  command = plan

  variables {
    mode                       = "sqs"
    visibility_timeout_seconds = 30
  }

  assert {
    condition     = aws_sqs_queue.events[0].visibility_timeout_seconds == 720
    error_message = "A too small visibility timeout must be raised to 6 x timeout."
  }
}

run "rejects_unknown_mode" {
  command = plan

  variables {
    mode = "eventbridge"
  }

  expect_failures = [var.mode]
}

run "rejects_bad_account" {
  command = plan

  variables {
    source_account = "12345"
  }

  expect_failures = [var.source_account]
}
