locals {
  function_zip = coalesce(var.function_zip, "${path.root}/../../../sluice-lambda/target/sluice-functions.zip")
  layer_zip    = coalesce(var.layer_zip, "${path.root}/../../../sluice-lambda/target/sluice-layer.zip")
  notifier_zip = coalesce(var.notifier_zip, "${path.root}/../../../sluice-notifier/target/sluice-notifier.zip")
  account_id   = data.aws_caller_identity.current.account_id
  service_name = "${var.name_prefix}-file-metadata"
  # Powertools 2.9.0 names its default dimension "Service" (see the csv-filter stack).
  metrics_dimension = "Service"
  layer_arn         = var.existing_layer_arn != null ? var.existing_layer_arn : module.layer[0].layer_version_arn

  kms_statements = var.bucket_kms_key_arn == null ? [] : [{
    sid       = "UseBucketKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.bucket_kms_key_arn]
  }]
}

module "uploads_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-uploads"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

# Summaries go to a separate bucket: writing <key>.json next to the upload would re-trigger the function.
module "metadata_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-metadata"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "artifacts_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-meta-artifacts"
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "layer" {
  source = "../../modules/lambda-layer"
  count  = var.existing_layer_arn == null ? 1 : 0

  layer_name       = "${var.name_prefix}-meta-deps"
  zip_path         = local.layer_zip
  artifacts_bucket = module.artifacts_bucket.id
  description      = "Sluice third-party dependencies (AWS SDK v2, Powertools, Log4j)."

  depends_on = [module.artifacts_bucket]
}

module "metadata_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-file-metadata"
  description                    = "Writes a JSON metadata summary (and a CSV profile) of each upload to ${module.metadata_bucket.id}."
  handler                        = "dev.sluice.lambda.metadata.FileMetadataHandler::handleRequest"
  filename                       = local.function_zip
  layers                         = [local.layer_arn]
  architecture                   = var.architecture
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  emulator_mode                  = local.emulator
  alarm_emails                   = var.alarm_emails
  log_retention_days             = var.log_retention_days
  application_log_level          = var.log_level
  reserved_concurrent_executions = var.reserved_concurrent_executions

  environment = {
    METADATA_BUCKET              = module.metadata_bucket.id
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_SERVICE_NAME      = local.service_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }

  policy_statements = concat([
    {
      # HeadObject is authorised by s3:GetObject (and s3:GetObjectVersion for a version id).
      sid       = "ReadUploadedObjects"
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${module.uploads_bucket.arn}/${var.source_prefix}*"]
    },
    {
      sid        = "ListUploadsPrefix"
      actions    = ["s3:ListBucket"]
      resources  = [module.uploads_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${var.source_prefix}*"] }]
    },
    {
      sid       = "WriteMetadataSummaries"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = ["${module.metadata_bucket.arn}/*"]
    },
    {
      # A clean run deletes the report an earlier run of the same key left (only if there is one: ListBucket first,
      # as a DELETE of a missing key in a versioned bucket would still write a delete marker per clean file).
      sid       = "DeleteStaleErrorReports"
      actions   = ["s3:DeleteObject"]
      resources = ["${module.metadata_bucket.arn}/_errors/*"]
    },
    {
      sid        = "ListOwnErrorReports"
      actions    = ["s3:ListBucket"]
      resources  = [module.metadata_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["_errors/*"] }]
    },
  ], local.kms_statements)

  # Permanent failures (object gone, access denied, unreadable) are reported, not retried: alarm on them.
  metric_alarms = [{
    name        = "files-failed"
    namespace   = var.metrics_namespace
    metric_name = "FilesFailed"
    dimensions  = { (local.metrics_dimension) = local.service_name }
  }]
}

module "trigger" {
  source = "../../modules/s3-trigger"

  mode                = "direct"
  bucket_name         = module.uploads_bucket.id
  bucket_arn          = module.uploads_bucket.arn
  source_account      = local.account_id
  function_name       = module.metadata_function.function_name
  function_alias_name = module.metadata_function.alias_name
  function_alias_arn  = module.metadata_function.alias_arn
  function_role_name  = module.metadata_function.role_name
  function_timeout    = module.metadata_function.timeout
  filter_prefix       = var.source_prefix
  filter_suffixes     = var.filter_suffixes
}

# Alert e-mails that say what failed: the function's ERROR lines -> notifier -> the function's alarm topic.
module "error_notifier" {
  source = "../../modules/error-notifier"

  function_name        = "${var.name_prefix}-file-metadata-notifier"
  filename             = local.notifier_zip
  architecture         = var.architecture
  alert_topic_arn      = module.metadata_function.alarm_topic_arn
  alert_window_seconds = var.alert_window_seconds
  log_groups           = { metadata = module.metadata_function.log_group_name }
  log_retention_days   = var.log_retention_days
  emulator_mode        = local.emulator
}
