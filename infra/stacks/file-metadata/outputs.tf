output "uploads_bucket" {
  description = "Upload files here."
  value       = module.uploads_bucket.id
}

output "metadata_bucket" {
  description = "<key>.json summaries appear here."
  value       = module.metadata_bucket.id
}

output "artifacts_bucket" {
  description = "Bucket holding the layer zip."
  value       = module.artifacts_bucket.id
}

output "function_name" {
  description = "File-metadata function name."
  value       = module.metadata_function.function_name
}

output "function_alias_arn" {
  description = "ARN of the alias the trigger invokes."
  value       = module.metadata_function.alias_arn
}

output "layer_version_arn" {
  description = "Dependency layer used by the function."
  value       = local.layer_arn
}

output "dlq_url" {
  description = "Failed asynchronous invocations land here."
  value       = module.metadata_function.dlq_url
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.metadata_function.alarm_topic_arn
}

output "log_group_name" {
  description = "Function log group."
  value       = module.metadata_function.log_group_name
}

output "error_notifier_function" {
  description = "Function that e-mails the stack's ERROR log lines (deduplicated) to the alarm topic."
  value       = module.error_notifier.function_name
}
