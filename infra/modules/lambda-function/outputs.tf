locals {
  fixed_alarms = [
    aws_cloudwatch_metric_alarm.errors,
    aws_cloudwatch_metric_alarm.dlq_depth,
    aws_cloudwatch_metric_alarm.throttles,
    aws_cloudwatch_metric_alarm.duration,
  ]
}

output "function_name" {
  description = "Function name."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified function ARN."
  value       = aws_lambda_function.this.arn
}

output "version" {
  description = "Latest published version (the alias points at it)."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Alias name that triggers invoke."
  value       = aws_lambda_alias.this.name
}

output "alias_arn" {
  description = "Qualified ARN of the alias; use it for permissions, notifications and event source mappings."
  value       = aws_lambda_alias.this.arn
}

output "role_name" {
  description = "Execution role name (triggers attach their own statements to it)."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "Execution role ARN."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "dlq_arn" {
  description = "ARN of the on-failure DLQ."
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_url" {
  description = "URL of the on-failure DLQ."
  value       = aws_sqs_queue.dlq.url
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms publish to (the module's own, or var.alarm_topic_arn)."
  value       = local.alarm_topic_arn
}

output "timeout" {
  description = "Function timeout in seconds (the SQS trigger sizes its visibility timeout from it)."
  value       = aws_lambda_function.this.timeout
}

output "security" {
  description = "The function's security and operations settings as planned (stack tests assert on these)."
  value = {
    runtime                = aws_lambda_function.this.runtime
    tracing_mode           = one(aws_lambda_function.this.tracing_config).mode
    log_format             = try(one(aws_lambda_function.this.logging_config).log_format, null)
    log_group              = try(one(aws_lambda_function.this.logging_config).log_group, null)
    log_retention_days     = aws_cloudwatch_log_group.this.retention_in_days
    snap_start_apply_on    = try(one(aws_lambda_function.this.snap_start).apply_on, null)
    publish                = aws_lambda_function.this.publish
    alias_name             = aws_lambda_alias.this.name
    alias_version          = aws_lambda_alias.this.function_version
    published_version      = aws_lambda_function.this.version
    on_failure_destination = one(one(aws_lambda_function_event_invoke_config.this.destination_config).on_failure).destination
    dlq_arn                = aws_sqs_queue.dlq.arn
    dlq_sse                = aws_sqs_queue.dlq.sqs_managed_sse_enabled || aws_sqs_queue.dlq.kms_master_key_id != null
    policy                 = jsondecode(aws_iam_role_policy.this.policy)
    alarm_metrics = concat(
      [for a in local.fixed_alarms : "${a.namespace}/${a.metric_name}"],
      [for a in aws_cloudwatch_metric_alarm.custom : "${a.namespace}/${a.metric_name}"],
    )
    # alarm name => what missing data means for it (stack tests assert every alarm's choice).
    treat_missing_data = merge(
      { for a in local.fixed_alarms : a.alarm_name => a.treat_missing_data },
      { for a in aws_cloudwatch_metric_alarm.custom : a.alarm_name => a.treat_missing_data },
    )
    # alarm name => [namespace/metric, statistic, comparison, threshold, period x evaluation periods]
    alarms = merge(
      { for a in local.fixed_alarms : a.alarm_name => ["${a.namespace}/${a.metric_name}", a.statistic, a.comparison_operator, a.threshold, a.period * a.evaluation_periods] },
      { for a in aws_cloudwatch_metric_alarm.custom : a.alarm_name => ["${a.namespace}/${a.metric_name}", a.statistic, a.comparison_operator, a.threshold, a.period * a.evaluation_periods] },
    )
    # Every action of every alarm (alarm and OK): one topic ARN when all alarms publish to the same topic.
    alarm_topics = distinct(flatten(concat(
      [for a in local.fixed_alarms : concat(tolist(a.alarm_actions), tolist(a.ok_actions))],
      [for a in aws_cloudwatch_metric_alarm.custom : concat(tolist(a.alarm_actions), tolist(a.ok_actions))],
    )))
    own_alarm_topic = length(aws_sns_topic.alarms) == 1
  }
}
