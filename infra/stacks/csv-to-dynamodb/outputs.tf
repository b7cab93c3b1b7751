output "source_bucket" {
  description = "Upload CSV files here."
  value       = module.source_bucket.id
}

output "errors_bucket" {
  description = "dynamodb/<key>.rejects.csv and dynamodb/<key>.error.json appear here."
  value       = module.errors_bucket.id
}

output "artifacts_bucket" {
  description = "Bucket holding the layer zip."
  value       = module.artifacts_bucket.id
}

output "table_name" {
  description = "DynamoDB table the rows are loaded into."
  value       = module.table.name
}

output "function_name" {
  description = "Loader function name."
  value       = module.loader_function.function_name
}

output "function_alias_arn" {
  description = "ARN of the alias the trigger invokes."
  value       = module.loader_function.alias_arn
}

output "layer_version_arn" {
  description = "Dependency layer used by the function."
  value       = local.layer_arn
}

output "dlq_url" {
  description = "Failed asynchronous invocations land here."
  value       = module.loader_function.dlq_url
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.loader_function.alarm_topic_arn
}

output "error_notifier_function" {
  description = "Function that e-mails the stack's ERROR log lines (deduplicated) to the alarm topic."
  value       = module.error_notifier.function_name
}
