# CloudWatch Logs subscription filters send each watched function's ERROR lines to a small notifier function, which
# e-mails them (through the SNS alert topic) with what failed: function, message, request id. A DynamoDB table with a
# TTL deduplicates: the same error fingerprint is sent at most once per ALERT_WINDOW_SECONDS.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Built from plan-time values so the lambda permissions' source ARNs are known at plan time.
  log_group_arns = {
    for k, name in var.log_groups : k => "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${name}:*"
  }

  # jsonencode rather than aws_iam_policy_document: plain data that `terraform test` can inspect under a mock provider.
  policy = {
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.this.arn}:*"]
      },
      {
        Sid      = "PublishToAlertTopic"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = [var.alert_topic_arn]
      },
      {
        Sid      = "DeduplicateInOwnTable"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
        Resource = [aws_dynamodb_table.dedup.arn]
      },
      ], var.alert_topic_kms_key_arn == null ? [] : [{
        Sid      = "EncryptForAlertTopic"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource = [var.alert_topic_kms_key_arn]
    }])
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_dynamodb_table" "dedup" {
  name         = "${var.function_name}-dedup"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "fingerprint"

  attribute {
    name = "fingerprint"
    type = "S"
  }

  # The notifier writes expires_at = now + window (epoch seconds); DynamoDB deletes expired items by itself.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  server_side_encryption {
    enabled = true
  }

  tags = var.tags
}

resource "aws_iam_role" "this" {
  name = "${var.function_name}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaAssumesRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-least-privilege"
  role   = aws_iam_role.this.id
  policy = jsonencode(local.policy)
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = "E-mails the ERROR lines of the stack's functions (deduplicated) to the alert topic."
  role             = aws_iam_role.this.arn
  runtime          = "java21"
  handler          = var.handler
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout
  filename         = var.filename
  source_code_hash = filebase64sha256(var.filename)
  layers           = var.layers

  environment {
    variables = {
      ALERT_TOPIC_ARN      = var.alert_topic_arn
      ALERT_DEDUP_TABLE    = aws_dynamodb_table.dedup.name
      ALERT_WINDOW_SECONDS = tostring(var.alert_window_seconds)
    }
  }

  dynamic "logging_config" {
    for_each = var.emulator_mode ? [] : [1]
    content {
      log_format            = "JSON"
      log_group             = aws_cloudwatch_log_group.this.name
      application_log_level = "INFO"
      system_log_level      = "INFO"
    }
  }

  tags       = var.tags
  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

# CloudWatch Logs may invoke the notifier only for the watched log groups of this account.
resource "aws_lambda_permission" "logs" {
  for_each = var.log_groups

  statement_id   = "AllowLogs-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "logs.amazonaws.com"
  source_arn     = local.log_group_arns[each.key]
  source_account = local.account_id
}

resource "aws_cloudwatch_log_subscription_filter" "errors" {
  for_each = var.log_groups

  name            = "${var.function_name}-errors"
  log_group_name  = each.value
  filter_pattern  = var.filter_pattern
  destination_arn = aws_lambda_function.this.arn

  depends_on = [aws_lambda_permission.logs]
}

# If the notifier itself fails, the alarm e-mail still arrives (through the same topic).
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.function_name}-errors"
  alarm_description   = "The error notifier ${var.function_name} failed: error e-mails may be missing; read its log group."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching" # no invocation = no error to report
  alarm_actions       = [var.alert_topic_arn]
  ok_actions          = [var.alert_topic_arn]
  tags                = var.tags
}
