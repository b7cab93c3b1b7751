output "id" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "bucket_regional_domain_name" {
  description = "Regional domain name of the bucket."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "tls_policy_attached" {
  description = "Whether the deny-non-TLS bucket policy is attached."
  value       = var.enforce_tls_policy
}

output "security" {
  description = "The bucket's security settings as applied (stack tests assert on these)."
  value = {
    public_access_block = {
      block_public_acls       = aws_s3_bucket_public_access_block.this.block_public_acls
      block_public_policy     = aws_s3_bucket_public_access_block.this.block_public_policy
      ignore_public_acls      = aws_s3_bucket_public_access_block.this.ignore_public_acls
      restrict_public_buckets = aws_s3_bucket_public_access_block.this.restrict_public_buckets
    }
    sse_algorithm     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm
    versioning_status = one(aws_s3_bucket_versioning.this.versioning_configuration).status
    tls_only_policy   = var.enforce_tls_policy ? jsondecode(aws_s3_bucket_policy.tls_only[0].policy) : null
    abort_incomplete_multipart_upload_days = one(flatten([
      for r in aws_s3_bucket_lifecycle_configuration.this.rule :
      [for a in r.abort_incomplete_multipart_upload : a.days_after_initiation] if r.status == "Enabled"
    ]))
    noncurrent_version_expiration_days = one(flatten([
      for r in aws_s3_bucket_lifecycle_configuration.this.rule :
      [for e in r.noncurrent_version_expiration : e.noncurrent_days] if r.status == "Enabled"
    ]))
    force_destroy = aws_s3_bucket.this.force_destroy
  }
}
