locals {
  function_zip = coalesce(var.function_zip, "${path.root}/../../../sluice-lambda/target/sluice-functions.zip")
  layer_zip    = coalesce(var.layer_zip, "${path.root}/../../../sluice-lambda/target/sluice-layer.zip")
  notifier_zip = coalesce(var.notifier_zip, "${path.root}/../../../sluice-notifier/target/sluice-notifier.zip")
  account_id   = data.aws_caller_identity.current.account_id
  layer_arn    = var.existing_layer_arn != null ? var.existing_layer_arn : module.layer[0].layer_version_arn
  service_name = "${var.name_prefix}-csv-to-dynamodb"
  # Powertools 2.9.0 names its default dimension "Service" (see the csv-filter stack).
  metrics_dimension = "Service"

  kms_statements = concat(
    var.bucket_kms_key_arn == null ? [] : [{
      sid       = "UseBucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.bucket_kms_key_arn]
    }],
    var.table_kms_key_arn == null ? [] : [{
      sid       = "UseTableKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.table_kms_key_arn]
    }],
  )
}

module "source_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-dynamodb-source"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

# Rejected rows and file errors: never the source bucket, which would re-trigger the loader.
module "errors_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-errors"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "artifacts_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-ddb-artifacts"
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "table" {
  source = "../../modules/dynamodb-table"

  name                   = coalesce(var.table_name, "${var.name_prefix}-customers")
  hash_key               = var.key_column
  range_key              = var.sort_key_column
  kms_key_arn            = var.table_kms_key_arn
  point_in_time_recovery = var.table_point_in_time_recovery
  deletion_protection    = var.table_deletion_protection
}

module "layer" {
  source = "../../modules/lambda-layer"
  count  = var.existing_layer_arn == null ? 1 : 0

  layer_name       = "${var.name_prefix}-ddb-deps"
  zip_path         = local.layer_zip
  artifacts_bucket = module.artifacts_bucket.id
  description      = "Sluice third-party dependencies (AWS SDK v2, Powertools, Log4j)."

  depends_on = [module.artifacts_bucket]
}

module "loader_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-csv-to-dynamodb"
  description                    = "Loads CSV rows into ${module.table.name}; rejects go to ${module.errors_bucket.id}."
  handler                        = "dev.sluice.lambda.dynamodb.DynamoDbLoaderHandler::handleRequest"
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

  environment = merge(
    {
      TABLE_NAME                   = module.table.name
      KEY_COLUMN                   = var.key_column
      WRITE_MODE                   = var.write_mode
      TYPE_INFERENCE               = var.type_inference
      REJECTS_BUCKET               = module.errors_bucket.id
      LOG_LEVEL                    = var.log_level
      POWERTOOLS_SERVICE_NAME      = local.service_name
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
    },
    var.sort_key_column == null ? {} : { SORT_KEY_COLUMN = var.sort_key_column },
  )

  policy_statements = concat([
    {
      sid       = "ReadSourceObjects"
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${module.source_bucket.arn}/${var.source_prefix}*"]
    },
    {
      sid        = "ListSourcePrefix"
      actions    = ["s3:ListBucket"]
      resources  = [module.source_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${var.source_prefix}*"] }]
    },
    {
      sid       = "WriteRejectsAndErrorReports"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = ["${module.errors_bucket.arn}/dynamodb/*"]
    },
    {
      # A clean run deletes the report an earlier run of the same key left (only if there is one: ListBucket first,
      # as a DELETE of a missing key in a versioned bucket would still write a delete marker per clean file).
      sid       = "DeleteStaleReports"
      actions   = ["s3:DeleteObject"]
      resources = ["${module.errors_bucket.arn}/dynamodb/*"]
    },
    {
      sid        = "ListOwnReports"
      actions    = ["s3:ListBucket"]
      resources  = [module.errors_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["dynamodb/*"] }]
    },
    {
      sid       = "WriteItemsToOwnTable"
      actions   = ["dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PutItem", "dynamodb:UpdateItem"]
      resources = [module.table.arn]
    },
  ], local.kms_statements)

  metric_alarms = [
    {
      # Permanent failures (malformed CSV, object gone, access denied) are reported, not retried.
      name        = "files-failed"
      namespace   = var.metrics_namespace
      metric_name = "FilesFailed"
      dimensions  = { (local.metrics_dimension) = local.service_name }
    },
    {
      name        = "rows-rejected"
      namespace   = var.metrics_namespace
      metric_name = "RowsRejected"
      dimensions  = { (local.metrics_dimension) = local.service_name }
    },
  ]
}

module "trigger" {
  source = "../../modules/s3-trigger"

  mode                = "direct"
  bucket_name         = module.source_bucket.id
  bucket_arn          = module.source_bucket.arn
  source_account      = local.account_id
  function_name       = module.loader_function.function_name
  function_alias_name = module.loader_function.alias_name
  function_alias_arn  = module.loader_function.alias_arn
  function_role_name  = module.loader_function.role_name
  function_timeout    = module.loader_function.timeout
  filter_prefix       = var.source_prefix
  filter_suffixes     = var.filter_suffixes
}

# Alert e-mails that say what failed: the function's ERROR lines -> notifier -> the function's alarm topic.
module "error_notifier" {
  source = "../../modules/error-notifier"

  function_name        = "${var.name_prefix}-csv-to-dynamodb-notifier"
  filename             = local.notifier_zip
  architecture         = var.architecture
  alert_topic_arn      = module.loader_function.alarm_topic_arn
  alert_window_seconds = var.alert_window_seconds
  log_groups           = { loader = module.loader_function.log_group_name }
  log_retention_days   = var.log_retention_days
  emulator_mode        = local.emulator
}
