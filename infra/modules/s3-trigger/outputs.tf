output "mode" {
  description = "direct or sqs."
  value       = var.mode
}

output "permission_statement_id" {
  description = "direct mode: statement id of the S3 invoke permission (null in sqs mode)."
  value       = local.direct ? aws_lambda_permission.s3[0].statement_id : null
}

output "queue_url" {
  description = "sqs mode: URL of the event queue (null in direct mode)."
  value       = local.sqs ? aws_sqs_queue.events[0].id : null
}

output "queue_arn" {
  description = "sqs mode: ARN of the event queue."
  value       = local.sqs ? aws_sqs_queue.events[0].arn : null
}

output "queue_dlq_url" {
  description = "sqs mode: URL of the event queue's DLQ."
  value       = local.sqs ? aws_sqs_queue.events_dlq[0].id : null
}

output "event_source_mapping_uuid" {
  description = "sqs mode: UUID of the event source mapping."
  value       = local.sqs ? aws_lambda_event_source_mapping.sqs[0].uuid : null
}

output "security" {
  description = "How the trigger is authorised (stack tests assert on these)."
  value = {
    permissions = [for p in aws_lambda_permission.s3 : {
      principal      = p.principal
      source_arn     = p.source_arn
      source_account = p.source_account
      qualifier      = p.qualifier
    }]
    queue_policy   = local.sqs ? jsondecode(aws_sqs_queue_policy.events[0].policy) : null
    consume_policy = local.sqs ? jsondecode(aws_iam_role_policy.consume[0].policy) : null
  }
}
