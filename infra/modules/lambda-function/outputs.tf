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
  description = "SNS topic the alarms publish to."
  value       = aws_sns_topic.alarms.arn
}

output "timeout" {
  description = "Function timeout in seconds (the SQS trigger sizes its visibility timeout from it)."
  value       = aws_lambda_function.this.timeout
}
