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

output "error_notifier_function" {
  description = "Function that e-mails the ERROR log lines of the three functions (deduplicated) to the alarm topic."
  value       = module.error_notifier.function_name
}

output "glue_database" {
  description = "Glue Data Catalog database with the star-schema tables (Athena), or null when glue_catalog = false."
  value       = var.glue_catalog ? aws_glue_catalog_database.totesys[0].name : null
}

output "vpc_endpoints" {
  description = "VPC endpoint ids by service (empty without vpc_endpoints)."
  value = merge(
    { for e in aws_vpc_endpoint.s3 : "s3" => e.id },
    { for k, e in aws_vpc_endpoint.interface : k => e.id },
  )
}
