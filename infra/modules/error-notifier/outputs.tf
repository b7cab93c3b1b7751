output "function_name" {
  description = "Notifier function name."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Notifier function ARN (the subscription filters' destination)."
  value       = aws_lambda_function.this.arn
}

output "dedup_table_name" {
  description = "DynamoDB table of recently sent error fingerprints."
  value       = aws_dynamodb_table.dedup.name
}

output "log_group_name" {
  description = "The notifier's own log group (never subscribed to itself)."
  value       = aws_cloudwatch_log_group.this.name
}

output "security" {
  description = "The notifier's wiring as planned (tests assert on it)."
  value = {
    policy              = local.policy
    environment         = one(aws_lambda_function.this.environment).variables
    runtime             = aws_lambda_function.this.runtime
    handler             = aws_lambda_function.this.handler
    dedup_hash_key      = aws_dynamodb_table.dedup.hash_key
    dedup_ttl_attribute = one(aws_dynamodb_table.dedup.ttl).attribute_name
    dedup_ttl_enabled   = one(aws_dynamodb_table.dedup.ttl).enabled
    permissions = { for k, p in aws_lambda_permission.logs : k => {
      principal      = p.principal
      source_arn     = p.source_arn
      source_account = p.source_account
    } }
    subscribed_log_groups = sort([for f in aws_cloudwatch_log_subscription_filter.errors : f.log_group_name])
    filter_pattern        = var.filter_pattern
    alarm_treat_missing   = aws_cloudwatch_metric_alarm.errors.treat_missing_data
  }
}
