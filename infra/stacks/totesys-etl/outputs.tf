output "ingestion_bucket" {
  value = module.ingestion_bucket.id
}

output "processed_bucket" {
  value = module.processed_bucket.id
}

output "functions" {
  value = {
    extract   = module.extract_function.function_name
    transform = module.transform_function.function_name
    load      = module.load_function.function_name
  }
}

output "secrets" {
  description = "Set their values outside Terraform: JSON {username, password, host, port, dbname}."
  value = {
    totesys   = aws_secretsmanager_secret.totesys.name
    warehouse = aws_secretsmanager_secret.warehouse.name
  }
}

output "alarm_topic_arn" {
  description = "The single SNS topic of every alarm of the stack (subscriptions: var.alarm_emails)."
  value       = aws_sns_topic.alarms.arn
}
