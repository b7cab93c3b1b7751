locals {
  zip_sha256 = filebase64sha256(var.zip_path)
  # Content-addressed key: hex SHA-256 of the zip, so a new build is a new object and old layer versions keep theirs.
  s3_key = "${var.s3_key_prefix}${var.layer_name}/${filesha256(var.zip_path)}.zip"
}

# The layer is stored in S3 (needed above 50 MB and auditable); source_hash re-uploads when the content changes.
resource "aws_s3_object" "layer" {
  bucket      = var.artifacts_bucket
  key         = local.s3_key
  source      = var.zip_path
  source_hash = filemd5(var.zip_path)
  tags        = var.tags
}

resource "aws_lambda_layer_version" "this" {
  layer_name               = var.layer_name
  description              = var.description
  s3_bucket                = aws_s3_object.layer.bucket
  s3_key                   = aws_s3_object.layer.key
  s3_object_version        = aws_s3_object.layer.version_id
  source_code_hash         = local.zip_sha256
  compatible_runtimes      = var.compatible_runtimes
  compatible_architectures = var.compatible_architectures

  # A new build publishes a new version; the old one stays, because other stacks (existing_layer_arn) and
  # not-yet-updated function versions may still use it. Delete old versions with `aws lambda delete-layer-version`.
  skip_destroy = var.skip_destroy
}
