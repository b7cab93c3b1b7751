output "source_bucket" {
  description = "Upload CSV files here."
  value       = module.source_bucket.id
}

output "destination_bucket" {
  description = "Filtered CSV files (and _errors/ reports) appear here."
  value       = module.destination_bucket.id
}

output "artifacts_bucket" {
  description = "Bucket holding the layer zip."
  value       = module.artifacts_bucket.id
}

output "function_name" {
  description = "Filter function name."
  value       = module.filter_function.function_name
}

output "function_alias_arn" {
  description = "ARN of the alias the trigger invokes."
  value       = module.filter_function.alias_arn
}

output "layer_version_arn" {
  description = "Published dependency layer."
  value       = module.layer.layer_version_arn
}

output "dlq_url" {
  description = "Failed asynchronous invocations land here."
  value       = module.filter_function.dlq_url
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.filter_function.alarm_topic_arn
}

output "log_group_name" {
  description = "Function log group."
  value       = module.filter_function.log_group_name
}

output "event_queue_url" {
  description = "sqs trigger mode: the S3 event queue (null in direct mode)."
  value       = module.trigger.queue_url
}

output "error_notifier_function" {
  description = "Function that e-mails the stack's ERROR log lines (deduplicated) to the alarm topic."
  value       = module.error_notifier.function_name
}
