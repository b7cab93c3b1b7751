locals {
  function_zip = coalesce(var.function_zip, "${path.root}/../../../sluice-lambda/target/sluice-functions.zip")
  layer_zip    = coalesce(var.layer_zip, "${path.root}/../../../sluice-lambda/target/sluice-layer.zip")
  notifier_zip = coalesce(var.notifier_zip, "${path.root}/../../../sluice-notifier/target/sluice-notifier.zip")
  account_id   = data.aws_caller_identity.current.account_id
  service_name = "${var.name_prefix}-csv-filter"
  # Powertools for AWS Lambda (Java) 2.9.0 adds the service name as dimension "Service" (capital S, as in its
  # EMF output); CloudWatch dimension names are case-sensitive, so the alarm must use the same spelling.
  metrics_dimension = "Service"

  handlers = {
    direct = "dev.sluice.lambda.filter.FilterS3Handler::handleRequest"
    sqs    = "dev.sluice.lambda.filter.FilterSqsHandler::handleRequest"
  }

  kms_statements = var.bucket_kms_key_arn == null ? [] : [{
    sid       = "UseBucketKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.bucket_kms_key_arn]
  }]
}

module "source_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-source"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

# A separate bucket: the filter's output can never re-trigger it.
module "destination_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-filtered"
  kms_key_arn        = var.bucket_kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "artifacts_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-artifacts"
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "layer" {
  source = "../../modules/lambda-layer"

  layer_name       = "${var.name_prefix}-deps"
  zip_path         = local.layer_zip
  artifacts_bucket = module.artifacts_bucket.id
  description      = "Sluice third-party dependencies (AWS SDK v2, Powertools, Log4j)."

  # The layer object is written only once the bucket's encryption and policy are in place.
  depends_on = [module.artifacts_bucket]
}

module "filter_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-csv-filter"
  description                    = "Streams CSV objects through the Sluice filter into ${module.destination_bucket.id}."
  handler                        = local.handlers[var.trigger_mode]
  filename                       = local.function_zip
  layers                         = [module.layer.layer_version_arn]
  architecture                   = var.architecture
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  emulator_mode                  = local.emulator
  alarm_emails                   = var.alarm_emails
  log_retention_days             = var.log_retention_days
  application_log_level          = var.log_level
  reserved_concurrent_executions = var.reserved_concurrent_executions

  environment = {
    SOURCE_BUCKET                = module.source_bucket.id # lets the function's loop guard compare the buckets
    DESTINATION_BUCKET           = module.destination_bucket.id
    FILTER_THRESHOLD             = tostring(var.filter_threshold)
    FILTER_OP                    = lower(var.filter_op)
    FILTER_COLUMNS               = var.filter_columns
    FILTER_MATCH                 = lower(var.filter_match)
    FILTER_RAGGED                = lower(var.filter_ragged)
    OUTPUT_PREFIX                = var.output_prefix
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_SERVICE_NAME      = local.service_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }

  policy_statements = concat([
    {
      sid       = "ReadSourceObjects"
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${module.source_bucket.arn}/${var.source_prefix}*"]
    },
    {
      # Lets S3 answer 404 (object gone) instead of 403 for a missing key, so the error report says what happened.
      sid        = "ListSourcePrefix"
      actions    = ["s3:ListBucket"]
      resources  = [module.source_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${var.source_prefix}*"] }]
    },
    {
      sid     = "WriteFilteredObjectsAndErrorReports"
      actions = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = distinct([
        "${module.destination_bucket.arn}/${var.output_prefix}*",
        "${module.destination_bucket.arn}/_errors/*",
      ])
    },
    {
      # A clean run deletes the report an earlier run of the same key left (only if there is one: ListBucket first,
      # as a DELETE of a missing key in a versioned bucket would still write a delete marker per clean file).
      sid       = "DeleteStaleErrorReports"
      actions   = ["s3:DeleteObject"]
      resources = ["${module.destination_bucket.arn}/_errors/*"]
    },
    {
      # Before committing an output the function reads the output's current ETag (HeadObject) and then writes with
      # If-Match on it, so a slower run of an older source version never replaces a newer one's output; the in-place
      # copy that adds the row counts to a multipart output reads it too.
      sid       = "ReadOwnOutputs"
      actions   = ["s3:GetObject"]
      resources = ["${module.destination_bucket.arn}/${var.output_prefix}*"]
    },
    {
      # 404 rather than 403 for a missing error report or a missing (first) output.
      sid        = "ListOwnErrorReportsAndOutputs"
      actions    = ["s3:ListBucket"]
      resources  = [module.destination_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = distinct(["_errors/*", "${var.output_prefix}*"]) }]
    },
  ], local.kms_statements)

  # Permanent failures (malformed CSV, object gone, access denied) are reported, not retried: alarm on them too.
  metric_alarms = [{
    name        = "files-failed"
    namespace   = var.metrics_namespace
    metric_name = "FilesFailed"
    dimensions  = { (local.metrics_dimension) = local.service_name }
  }]
}

module "trigger" {
  source = "../../modules/s3-trigger"

  mode                = var.trigger_mode
  bucket_name         = module.source_bucket.id
  bucket_arn          = module.source_bucket.arn
  source_account      = local.account_id
  function_name       = module.filter_function.function_name
  function_alias_name = module.filter_function.alias_name
  function_alias_arn  = module.filter_function.alias_arn
  function_role_name  = module.filter_function.role_name
  function_timeout    = module.filter_function.timeout
  filter_prefix       = var.source_prefix
  filter_suffixes     = var.filter_suffixes
  alarm_topic_arn     = module.filter_function.alarm_topic_arn
}

# Alert e-mails that say what failed: the function's ERROR lines -> notifier -> the function's alarm topic.
module "error_notifier" {
  source = "../../modules/error-notifier"

  function_name        = "${var.name_prefix}-csv-filter-notifier"
  filename             = local.notifier_zip
  architecture         = var.architecture
  alert_topic_arn      = module.filter_function.alarm_topic_arn
  alert_window_seconds = var.alert_window_seconds
  log_groups           = { filter = module.filter_function.log_group_name }
  log_retention_days   = var.log_retention_days
  emulator_mode        = local.emulator
}
