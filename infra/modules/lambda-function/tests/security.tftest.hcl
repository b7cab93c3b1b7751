# Plan-only security tests: no AWS account, no emulator. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-fn"
    }
  }

  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-fn-dlq"
    }
  }

  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-fn-alarms"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      version = "1"
    }
  }
}

variables {
  function_name = "sluice-test-fn"
  handler       = "dev.sluice.lambda.filter.FilterS3Handler::handleRequest"
  filename      = "../../test/fixtures/dummy.zip"
  policy_statements = [
    {
      sid       = "ReadSource"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::src/incoming/*"]
    },
    {
      sid        = "ListSource"
      actions    = ["s3:ListBucket"]
      resources  = ["arn:aws:s3:::src"]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["incoming/*"] }]
    },
  ]
  metric_alarms = [{ name = "files-failed", namespace = "sluice", metric_name = "FilesFailed", dimensions = { Service = "svc" } }]
}

run "secure_defaults" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "java21 on arm64 by default."
  }

  assert {
    condition     = output.security.tracing_mode == "Active"
    error_message = "X-Ray tracing must be active."
  }

  assert {
    condition     = output.security.log_format == "JSON" && output.security.log_group == "/aws/lambda/sluice-test-fn"
    error_message = "Logs must be JSON and go to the module's log group."
  }

  assert {
    condition     = output.security.log_retention_days == 30
    error_message = "The log group must have a retention."
  }

  assert {
    condition     = output.security.snap_start_apply_on == "PublishedVersions" && output.security.publish
    error_message = "SnapStart must be on for published versions."
  }

  assert {
    condition     = output.security.alias_name == "live" && output.security.alias_version == output.security.published_version
    error_message = "Alias live must point at the published version."
  }

  assert {
    condition     = output.security.on_failure_destination == output.security.dlq_arn && output.security.dlq_sse
    error_message = "Failed asynchronous events must go to the encrypted DLQ."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this.qualifier == "live" && aws_lambda_function_event_invoke_config.this.maximum_retry_attempts == 2
    error_message = "The invoke config must apply to the alias, with two retries."
  }

  assert {
    condition = (
      contains(output.security.alarm_metrics, "AWS/Lambda/Errors") &&
      contains(output.security.alarm_metrics, "AWS/SQS/ApproximateNumberOfMessagesVisible") &&
      contains(output.security.alarm_metrics, "sluice/FilesFailed")
    )
    error_message = "Errors, DLQ depth and the custom metric must be alarmed."
  }

  assert {
    condition = alltrue([
      for a in [aws_cloudwatch_metric_alarm.errors, aws_cloudwatch_metric_alarm.dlq_depth, aws_cloudwatch_metric_alarm.custom["files-failed"]] :
      a.alarm_actions == toset([aws_sns_topic.alarms[0].arn])
    ])
    error_message = "Every alarm must publish to the alarm topic."
  }

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "No e-mail address is hard-coded."
  }

  assert {
    condition = alltrue(flatten([
      for s in output.security.policy.Statement : [for a in s.Action : a != "*" && !endswith(a, ":*")]
    ]))
    error_message = "No IAM statement may use a wildcard action."
  }

  assert {
    condition = alltrue([
      for s in output.security.policy.Statement :
      !contains(s.Resource, "*") || (s.Sid == "XRayWriteRequiresWildcardResource" && toset(s.Action) == toset(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]))
    ])
    error_message = "'*' is allowed as a resource only in the documented X-Ray statement."
  }

  assert {
    condition = one([
      for s in output.security.policy.Statement : s.Resource if s.Sid == "WriteOwnLogs"
    ]) == ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-fn:*"]
    error_message = "Logs may be written only to the function's own log group."
  }

  assert {
    condition = one([
      for s in output.security.policy.Statement : s.Condition if s.Sid == "ListSource"
    ]) == { StringLike = { "s3:prefix" = ["incoming/*"] } }
    error_message = "Statement conditions must be rendered."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/sluice-test-fn"
    error_message = "The log group must be the one Lambda writes to (/aws/lambda/<function>), created by Terraform."
  }
}

run "throttles_duration_and_silence_are_alarmed" {
  command = plan

  variables {
    metric_alarms = [{
      name                = "heartbeat", namespace = "sluice", metric_name = "Runs", dimensions = { Service = "svc" },
      comparison_operator = "LessThanThreshold", threshold = 1, evaluation_periods = 3, treat_missing_data = "breaching"
    }]
  }

  assert {
    condition = (
      output.security.alarms["sluice-test-fn-throttles"] == ["AWS/Lambda/Throttles", "Sum", "GreaterThanThreshold", 0, 300] &&
      output.security.alarms["sluice-test-fn-duration-near-timeout"] == ["AWS/Lambda/Duration", "Maximum", "GreaterThanThreshold", 48000, 300]
    )
    error_message = "Throttles and a duration above 80 % of the timeout (60 s -> 48000 ms) must be alarmed."
  }

  assert {
    condition = output.security.treat_missing_data == {
      "sluice-test-fn-errors"                = "notBreaching"
      "sluice-test-fn-dlq-not-empty"         = "notBreaching"
      "sluice-test-fn-throttles"             = "notBreaching"
      "sluice-test-fn-duration-near-timeout" = "notBreaching"
      "sluice-test-fn-heartbeat"             = "breaching"
    }
    error_message = "Event-count alarms treat silence as OK; a heartbeat treats it as a breach."
  }
}

run "rejects_unknown_treat_missing_data" {
  command = plan

  variables {
    metric_alarms = [{ name = "x", namespace = "sluice", metric_name = "X", treat_missing_data = "ok" }]
  }

  expect_failures = [var.metric_alarms]
}

run "emulator_mode_omits_unstored_blocks" {
  command = plan

  variables {
    emulator_mode = true
  }

  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0 && length(aws_lambda_function.this.logging_config) == 0
    error_message = "emulator_mode must omit snap_start and logging_config (moto does not store them)."
  }
}

run "vpc_attachment_adds_documented_eni_statement" {
  command = plan

  variables {
    vpc_config = { subnet_ids = ["subnet-a", "subnet-b"], security_group_ids = ["sg-1"] }
  }

  assert {
    condition = alltrue([
      for s in output.security.policy.Statement :
      !contains(s.Resource, "*") || contains(["XRayWriteRequiresWildcardResource", "VpcNetworkInterfacesRequireWildcardResource"], s.Sid)
    ])
    error_message = "With a VPC, '*' resources are allowed only in the X-Ray and ENI statements."
  }
}

run "rejects_wildcard_action" {
  command = plan

  variables {
    policy_statements = [{ sid = "TooBroad", actions = ["s3:*"], resources = ["arn:aws:s3:::src/*"] }]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_wildcard_resource" {
  command = plan

  variables {
    policy_statements = [{ sid = "TooBroad", actions = ["s3:GetObject"], resources = ["*"] }]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_single_subnet_vpc" {
  command = plan

  variables {
    vpc_config = { subnet_ids = ["subnet-a"], security_group_ids = ["sg-1"] }
  }

  expect_failures = [var.vpc_config]
}

run "rejects_never_expiring_logs" {
  command = plan

  variables {
    log_retention_days = 0
  }

  expect_failures = [var.log_retention_days]
}

run "shared_alarm_topic_replaces_the_own_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-shared-alarms"
  }

  assert {
    condition     = length(aws_sns_topic.alarms) == 0 && length(aws_sns_topic_subscription.email) == 0
    error_message = "With alarm_topic_arn the module creates no topic and no subscription of its own."
  }

  assert {
    condition = (
      output.security.alarm_topics == tolist(["arn:aws:sns:us-east-1:123456789012:sluice-test-shared-alarms"]) &&
      output.alarm_topic_arn == "arn:aws:sns:us-east-1:123456789012:sluice-test-shared-alarms" &&
      !output.security.own_alarm_topic
    )
    error_message = "Every alarm (errors, DLQ depth, custom) must publish to the shared topic only."
  }
}

run "own_alarm_topic_by_default" {
  command = plan

  variables {
    alarm_emails = ["oncall@example.com"]
  }

  assert {
    condition = (
      output.security.own_alarm_topic &&
      output.security.alarm_topics == tolist(["arn:aws:sns:us-east-1:123456789012:sluice-test-fn-alarms"]) &&
      aws_sns_topic.alarms[0].name == "sluice-test-fn-alarms" &&
      aws_sns_topic_subscription.email["oncall@example.com"].protocol == "email"
    )
    error_message = "Without alarm_topic_arn the module keeps its own topic with the e-mail subscriptions."
  }
}

run "rejects_malformed_alarm_topic_arn" {
  command = plan

  variables {
    alarm_topic_arn = "sluice-alarms"
  }

  expect_failures = [var.alarm_topic_arn]
}

run "rejects_emails_with_a_shared_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-shared-alarms"
    alarm_emails    = ["oncall@example.com"]
  }

  expect_failures = [var.alarm_emails]
}
