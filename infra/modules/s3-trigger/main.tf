locals {
  direct         = var.mode == "direct"
  sqs            = var.mode == "sqs"
  queue_name     = coalesce(var.queue_name, "${var.function_name}-events")
  min_visibility = 6 * var.function_timeout
  visibility     = var.visibility_timeout_seconds == null ? local.min_visibility : max(var.visibility_timeout_seconds, local.min_visibility)
}

# ---------------------------------------------------------------- direct: S3 -> Lambda alias (asynchronous invoke)

resource "aws_lambda_permission" "s3" {
  count = local.direct ? 1 : 0

  statement_id   = "AllowInvokeFromS3Bucket"
  action         = "lambda:InvokeFunction"
  function_name  = var.function_name
  qualifier      = var.function_alias_name
  principal      = "s3.amazonaws.com"
  source_arn     = var.bucket_arn
  source_account = var.source_account
}

resource "aws_s3_bucket_notification" "lambda" {
  count = local.direct ? 1 : 0

  bucket = var.bucket_name

  dynamic "lambda_function" {
    for_each = var.filter_suffixes
    content {
      id                  = "invoke-${var.function_name}-${lambda_function.key}"
      lambda_function_arn = var.function_alias_arn
      events              = var.events
      filter_prefix       = var.filter_prefix == "" ? null : var.filter_prefix
      filter_suffix       = lambda_function.value == "" ? null : lambda_function.value
    }
  }

  # S3 validates the destination when the configuration is written: the permission must exist first.
  depends_on = [aws_lambda_permission.s3]
}

# ---------------------------------------------------------------- sqs: S3 -> SQS -> event source mapping

resource "aws_sqs_queue" "events_dlq" {
  count = local.sqs ? 1 : 0

  name                      = "${local.queue_name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_sqs_queue" "events" {
  count = local.sqs ? 1 : 0

  name                       = local.queue_name
  visibility_timeout_seconds = local.visibility
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  tags                       = var.tags

  # The redrive policy is owned by aws_sqs_queue_redrive_policy below; ignoring it here also avoids a
  # whitespace-only perpetual diff on emulators that re-serialise the JSON.
  lifecycle {
    ignore_changes = [redrive_policy]
  }
}

resource "aws_sqs_queue_redrive_policy" "events" {
  count = local.sqs ? 1 : 0

  queue_url = aws_sqs_queue.events[0].id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dlq[0].arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_policy" "events" {
  count = local.sqs ? 1 : 0

  queue_url = aws_sqs_queue.events[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowS3BucketToSend"
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events[0].arn
      Condition = {
        ArnEquals    = { "aws:SourceArn" = var.bucket_arn }
        StringEquals = { "aws:SourceAccount" = var.source_account }
      }
    }]
  })

  # Written after the redrive policy: some emulators reset the queue policy on any attribute update.
  depends_on = [aws_sqs_queue_redrive_policy.events]
}

resource "aws_s3_bucket_notification" "sqs" {
  count = local.sqs ? 1 : 0

  bucket = var.bucket_name

  dynamic "queue" {
    for_each = var.filter_suffixes
    content {
      id            = "enqueue-${var.function_name}-${queue.key}"
      queue_arn     = aws_sqs_queue.events[0].arn
      events        = var.events
      filter_prefix = var.filter_prefix == "" ? null : var.filter_prefix
      filter_suffix = queue.value == "" ? null : queue.value
    }
  }

  # S3 sends a test event when the configuration is written: the queue policy must allow it first.
  depends_on = [aws_sqs_queue_policy.events]
}

resource "aws_iam_role_policy" "consume" {
  count = local.sqs ? 1 : 0

  name = "${var.function_name}-consume-${local.queue_name}"
  role = var.function_role_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ConsumeOwnEventQueue"
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
      Resource = [aws_sqs_queue.events[0].arn]
    }]
  })
}

resource "aws_lambda_event_source_mapping" "sqs" {
  count = local.sqs ? 1 : 0

  event_source_arn                   = aws_sqs_queue.events[0].arn
  function_name                      = var.function_alias_arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  depends_on = [aws_iam_role_policy.consume]
}

resource "aws_cloudwatch_metric_alarm" "events_dlq_depth" {
  count = local.sqs ? 1 : 0

  alarm_name          = "${local.queue_name}-dlq-not-empty"
  alarm_description   = "S3 events for ${var.function_name} failed ${var.max_receive_count} times and are parked in ${aws_sqs_queue.events_dlq[0].name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.events_dlq[0].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  ok_actions          = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  tags                = var.tags
}
