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
