# Plan-only tests of the error notifier: subscription filters -> notifier -> SNS, least privilege, dedup table.
# Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-notifier"
    }
  }

  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-test-notifier-dedup"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-notifier"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }
}

variables {
  function_name   = "sluice-test-notifier"
  filename        = "../../test/fixtures/dummy.zip"
  alert_topic_arn = "arn:aws:sns:us-east-1:123456789012:sluice-test-alarms"
  log_groups = {
    filter = "/aws/lambda/sluice-test-csv-filter"
    load   = "/aws/lambda/sluice-test-load"
  }
}

run "contract_with_the_java_notifier" {
  command = plan

  assert {
    condition = (
      output.security.runtime == "java21" &&
      output.security.handler == "dev.sluice.notifier.ErrorNotifierHandler::handleRequest" &&
      output.security.environment == tomap({
        ALERT_TOPIC_ARN      = "arn:aws:sns:us-east-1:123456789012:sluice-test-alarms"
        ALERT_DEDUP_TABLE    = "sluice-test-notifier-dedup"
        ALERT_WINDOW_SECONDS = "900"
      })
    )
    error_message = "Handler, runtime and the ALERT_* environment must match the notifier's contract."
  }

  assert {
    condition = (
      output.security.dedup_hash_key == "fingerprint" &&
      one(aws_dynamodb_table.dedup.attribute).type == "S" &&
      output.security.dedup_ttl_attribute == "expires_at" && output.security.dedup_ttl_enabled &&
      aws_dynamodb_table.dedup.billing_mode == "PAY_PER_REQUEST"
    )
    error_message = "The dedup table is keyed by fingerprint (S) and expires items on expires_at."
  }
}

run "every_watched_log_group_is_subscribed" {
  command = plan

  assert {
    condition     = output.security.subscribed_log_groups == tolist(["/aws/lambda/sluice-test-csv-filter", "/aws/lambda/sluice-test-load"])
    error_message = "Each given log group gets a subscription filter."
  }

  assert {
    condition = alltrue([for f in aws_cloudwatch_log_subscription_filter.errors :
    f.destination_arn == "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-notifier" && strcontains(f.filter_pattern, "$.level = \"ERROR\"")])
    error_message = "The filters send ERROR lines to the notifier."
  }

  assert {
    condition = output.security.permissions == {
      filter = { principal = "logs.amazonaws.com", source_account = "123456789012", source_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-csv-filter:*" }
      load   = { principal = "logs.amazonaws.com", source_account = "123456789012", source_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-load:*" }
    }
    error_message = "CloudWatch Logs may invoke the notifier only for the watched log groups of this account."
  }

  assert {
    condition     = output.security.alarm_treat_missing == "notBreaching" && aws_cloudwatch_metric_alarm.errors.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:sluice-test-alarms"])
    error_message = "The notifier's own failures alarm on the same topic; no invocation is not an error."
  }
}

run "least_privilege" {
  command = plan

  assert {
    condition = { for s in output.security.policy.Statement : s.Sid => [s.Action, s.Resource] } == {
      WriteOwnLogs          = [["logs:CreateLogStream", "logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-notifier:*"]]
      PublishToAlertTopic   = [["sns:Publish"], ["arn:aws:sns:us-east-1:123456789012:sluice-test-alarms"]]
      DeduplicateInOwnTable = [["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], ["arn:aws:dynamodb:us-east-1:123456789012:table/sluice-test-notifier-dedup"]]
    }
    error_message = "Only: own logs, sns:Publish on the one topic, Get/Put/UpdateItem on the one table."
  }
}

run "encrypted_topic_adds_its_key_only" {
  command = plan

  variables {
    alert_topic_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition = one([for s in output.security.policy.Statement : s.Resource if s.Sid == "EncryptForAlertTopic"]) == [
    "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"]
    error_message = "Publishing to a CMK-encrypted topic needs that key, and only that key."
  }
}

run "rejects_watching_itself" {
  command = plan

  variables {
    log_groups = { self = "/aws/lambda/sluice-test-notifier" }
  }

  expect_failures = [var.log_groups]
}
