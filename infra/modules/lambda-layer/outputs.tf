output "layer_version_arn" {
  description = "ARN of the published layer version (pass it to lambda-function's layers)."
  value       = aws_lambda_layer_version.this.arn
}

output "layer_arn" {
  description = "ARN of the layer without version."
  value       = aws_lambda_layer_version.this.layer_arn
}

output "version" {
  description = "Published layer version number."
  value       = aws_lambda_layer_version.this.version
}

output "s3_key" {
  description = "Key of the layer zip in the artifacts bucket."
  value       = aws_s3_object.layer.key
}

output "source_code_hash" {
  description = "Base64 SHA-256 of the layer zip."
  value       = local.zip_sha256
}
