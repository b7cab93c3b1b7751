locals {
  # Statements the module always adds. Every one is scoped to this function's own resources, except X-Ray.
  base_statements = [
    {
      Sid      = "WriteOwnLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.this.arn}:*"]
    },
    {
      # AWS requires "*" here: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level
      # permissions (Service Authorization Reference, AWS X-Ray). This is the only "*" resource in the policy.
      Sid      = "XRayWriteRequiresWildcardResource"
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      Resource = ["*"]
    },
    {
      Sid      = "SendFailedEventsToOwnDlq"
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = [aws_sqs_queue.dlq.arn]
    },
  ]

  dlq_kms_statements = var.dlq_kms_key_arn == null ? [] : [{
    Sid      = "EncryptForOwnDlq"
    Effect   = "Allow"
    Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
    Resource = [var.dlq_kms_key_arn]
  }]

  # Only with vpc_config. AWS requires "*": ec2:Describe* and the network-interface actions Lambda performs on the
  # function's behalf take no resource ARN (same statement as the managed AWSLambdaVPCAccessExecutionRole).
  vpc_statements = var.vpc_config == null ? [] : [{
    Sid    = "VpcNetworkInterfacesRequireWildcardResource"
    Effect = "Allow"
    Action = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    Resource = ["*"]
  }]

  caller_statements = [for s in var.policy_statements : merge(
    {
      Sid      = s.sid
      Effect   = "Allow"
      Action   = s.actions
      Resource = s.resources
    },
    length(s.conditions) == 0 ? {} : {
      Condition = { for test in distinct([for c in s.conditions : c.test]) : test => {
        for c in s.conditions : c.variable => c.values if c.test == test
      } }
    },
  )]

  # jsonencode rather than aws_iam_policy_document: plain data that `terraform test` can inspect under a mock provider.
  policy = {
    Version   = "2012-10-17"
    Statement = concat(local.base_statements, local.dlq_kms_statements, local.vpc_statements, local.caller_statements)
  }

  assume_role_policy = {
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaAssumesRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  }
}

# Created before the function so Lambda never auto-creates a never-expiring group.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_iam_role" "this" {
  name               = "${var.function_name}-role"
  assume_role_policy = jsonencode(local.assume_role_policy)
  tags               = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-least-privilege"
  role   = aws_iam_role.this.id
  policy = jsonencode(local.policy)
}

resource "aws_sqs_queue" "dlq" {
  name                      = "${var.function_name}-dlq"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = var.dlq_kms_key_arn == null ? true : null
  kms_master_key_id         = var.dlq_kms_key_arn
  tags                      = var.tags
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = var.description
  role             = aws_iam_role.this.arn
  runtime          = "java21" # the code is compiled with --release 21
  handler          = var.handler
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout
  filename         = var.filename
  source_code_hash = filebase64sha256(var.filename)
  layers           = var.layers
  publish          = true # SnapStart works on published versions only; the alias follows each new version

  reserved_concurrent_executions = var.reserved_concurrent_executions == null ? -1 : var.reserved_concurrent_executions

  dynamic "environment" {
    for_each = length(var.environment) == 0 ? [] : [1]
    content {
      variables = var.environment
    }
  }

  dynamic "snap_start" {
    for_each = var.snap_start && !var.emulator_mode ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  dynamic "logging_config" {
    for_each = var.emulator_mode ? [] : [1]
    content {
      log_format            = "JSON"
      log_group             = aws_cloudwatch_log_group.this.name
      application_log_level = var.application_log_level
      system_log_level      = "INFO"
    }
  }

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "vpc_config" {
    for_each = var.vpc_config == null ? [] : [var.vpc_config]
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  description      = "Points at the latest published version; triggers invoke this alias."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# Asynchronous invocations (S3 notifications): bounded retries, then the event lands in the DLQ.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.this.name
  maximum_retry_attempts       = var.maximum_retry_attempts
  maximum_event_age_in_seconds = var.maximum_event_age_in_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dlq.arn
    }
  }
}

# The function's own alarm topic, unless the caller passes a shared one (alarm_topic_arn), e.g. one topic per stack.
resource "aws_sns_topic" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  name              = "${var.function_name}-alarms"
  kms_master_key_id = var.alarm_topic_kms_key_id
  tags              = var.tags
}

# Keeps the topic of deployments made before the topic became optional (no destroy/re-create, no re-subscription).
moved {
  from = aws_sns_topic.alarms
  to   = aws_sns_topic.alarms[0]
}

locals {
  alarm_topic_arn = var.alarm_topic_arn != null ? var.alarm_topic_arn : aws_sns_topic.alarms[0].arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = var.alarm_topic_arn == null ? toset(var.alarm_emails) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.function_name}-errors"
  alarm_description   = "Invocations of ${var.function_name} failed (after its own error handling)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.error_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.alarm_topic_arn]
  ok_actions          = [local.alarm_topic_arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  alarm_name          = "${var.function_name}-dlq-not-empty"
  alarm_description   = "Events that ${var.function_name} could not process are parked in ${aws_sqs_queue.dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.alarm_topic_arn]
  ok_actions          = [local.alarm_topic_arn]
  tags                = var.tags
}

# Throttled invocations: with reserved concurrency, events wait (asynchronous) or are refused (synchronous).
resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name          = "${var.function_name}-throttles"
  alarm_description   = "Invocations of ${var.function_name} were throttled (reserved concurrency or the account limit)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.throttle_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching" # no invocation, no throttle
  alarm_actions       = [local.alarm_topic_arn]
  ok_actions          = [local.alarm_topic_arn]
  tags                = var.tags
}

# A run close to the timeout is about to be killed mid-work: alarm before it happens.
resource "aws_cloudwatch_metric_alarm" "duration" {
  alarm_name          = "${var.function_name}-duration-near-timeout"
  alarm_description   = "An invocation of ${var.function_name} ran longer than ${floor(var.duration_alarm_ratio * 100)} % of its ${var.timeout} s timeout."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = floor(var.timeout * 1000 * var.duration_alarm_ratio) # Duration is in milliseconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching" # no invocation, no duration
  alarm_actions       = [local.alarm_topic_arn]
  ok_actions          = [local.alarm_topic_arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "custom" {
  for_each = { for a in var.metric_alarms : a.name => a }

  alarm_name          = "${var.function_name}-${each.key}"
  alarm_description   = "${each.value.namespace}/${each.value.metric_name} of ${var.function_name}."
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison_operator
  treat_missing_data  = each.value.treat_missing_data
  alarm_actions       = [local.alarm_topic_arn]
  ok_actions          = [local.alarm_topic_arn]
  tags                = var.tags
}
