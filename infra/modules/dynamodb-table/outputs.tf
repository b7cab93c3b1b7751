output "name" {
  description = "Table name."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "Table ARN (scope IAM statements to it)."
  value       = aws_dynamodb_table.this.arn
}

output "hash_key" {
  description = "Partition key attribute name."
  value       = aws_dynamodb_table.this.hash_key
}

output "range_key" {
  description = "Sort key attribute name, or null."
  value       = aws_dynamodb_table.this.range_key
}

output "security" {
  description = "Encryption, recovery and protection settings as planned."
  value = {
    billing_mode           = aws_dynamodb_table.this.billing_mode
    sse_enabled            = one(aws_dynamodb_table.this.server_side_encryption).enabled
    point_in_time_recovery = one(aws_dynamodb_table.this.point_in_time_recovery).enabled
    deletion_protection    = aws_dynamodb_table.this.deletion_protection_enabled
  }
}
