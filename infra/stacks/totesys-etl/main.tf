locals {
  function_zip = coalesce(var.function_zip, "${path.root}/../../../sluice-etl/target/sluice-etl-functions.zip")
  layer_zip    = coalesce(var.layer_zip, "${path.root}/../../../sluice-etl/target/sluice-etl-layer.zip")
  notifier_zip = coalesce(var.notifier_zip, "${path.root}/../../../sluice-notifier/target/sluice-notifier.zip")
  account_id   = data.aws_caller_identity.current.account_id

  # One topic for every alarm of the stack (issue 7). Its ARN is built from plan-time values so that the functions'
  # module can decide at plan time not to create its own topic (a computed ARN would make its count unknown).
  alarm_topic_name = "${var.name_prefix}-totesys-etl-alarms"
  alarm_topic_arn  = "arn:${data.aws_partition.current.partition}:sns:${var.region}:${local.account_id}:${local.alarm_topic_name}"

  ingestion_prefix = "ingestion/"
  processed_prefix = "processed/"

  # Powertools names its default metric dimension "Service" (= POWERTOOLS_SERVICE_NAME); see the csv-filter stack.
  service = {
    extract   = "${var.name_prefix}-totesys-extract"
    transform = "${var.name_prefix}-totesys-transform"
    load      = "${var.name_prefix}-totesys-load"
  }

  # With kms_key_arn the data buckets use SSE-KMS: every function touching them needs the key.
  kms_statements = var.kms_key_arn == null ? [] : [{
    sid       = "UseDataBucketKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }]

  common_environment = {
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }
}

module "ingestion_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-ingestion"
  kms_key_arn        = var.kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "processed_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-processed"
  kms_key_arn        = var.kms_key_arn
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "artifacts_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-etl-artifacts"
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "layer" {
  source = "../../modules/lambda-layer"

  layer_name       = "${var.name_prefix}-etl-deps"
  zip_path         = local.layer_zip
  artifacts_bucket = module.artifacts_bucket.id
  description      = "Sluice ETL third-party dependencies (AWS SDK v2, PostgreSQL JDBC, Flyway, Parquet)."

  depends_on = [module.artifacts_bucket]
}

# Secrets hold JSON {username, password, host, port, dbname}. Their values are set outside Terraform (see
# docs/deploy.md), so no secret ever lands in the state.
# recovery_window_in_days: 0 deletes at once on destroy, so a redeploy with the same name_prefix works; the default
# 30 keeps a deleted secret restorable, and its name reserved, for 30 days (see docs/deploy.md).
resource "aws_secretsmanager_secret" "totesys" {
  name                    = "${var.name_prefix}/totesys"
  description             = "Totesys source database credentials for the extract (value set outside Terraform)."
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret" "warehouse" {
  name                    = "${var.name_prefix}/warehouse"
  description             = "Warehouse database credentials for the load (value set outside Terraform)."
  recovery_window_in_days = var.secret_recovery_window_days
}

# Optional rotation by a rotation function you provide (e.g. AWS's SecretsManagerRDSPostgreSQLRotationSingleUser
# from the Serverless Application Repository); the functions read the secret on every cold start.
resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = var.secret_rotation

  secret_id           = each.key == "totesys" ? aws_secretsmanager_secret.totesys.id : aws_secretsmanager_secret.warehouse.id
  rotation_lambda_arn = each.value.lambda_arn

  rotation_rules {
    automatically_after_days = each.value.automatically_after_days
  }
}

# The stack's single alarm topic: each function's errors and DLQ depth, and the warehouse lag, publish here.
# Encrypted with a customer-managed key because CloudWatch cannot use the AWS-managed alias/aws/sns key.
resource "aws_kms_key" "alarms" {
  description             = "Encrypts the ${local.alarm_topic_name} SNS topic."
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # The default key policy: the account's IAM policies decide who administers the key. In a key policy
        # "Resource": "*" means this key only; "kms:*" for the account root is AWS's documented default, without it
        # the key becomes unmanageable.
        Sid       = "AccountAdministersKey"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
}

resource "aws_kms_alias" "alarms" {
  name          = "alias/${local.alarm_topic_name}"
  target_key_id = aws_kms_key.alarms.key_id
}

resource "aws_sns_topic" "alarms" {
  name              = local.alarm_topic_name
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

module "extract_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-totesys-extract"
  description                    = "Extracts new and changed Totesys rows into ${module.ingestion_bucket.id}."
  handler                        = "dev.sluice.etl.extract.ExtractHandler::handleRequest"
  filename                       = local.function_zip
  layers                         = [module.layer.layer_version_arn]
  architecture                   = var.architecture
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  emulator_mode                  = local.emulator
  alarm_topic_arn                = local.alarm_topic_arn
  depends_on                     = [aws_sns_topic.alarms] # its alarms name the topic by the ARN built above
  log_retention_days             = var.log_retention_days
  application_log_level          = var.log_level
  reserved_concurrent_executions = 1 # one extract at a time: watermarks are read-modify-write
  vpc_config                     = var.vpc_config

  environment = merge(local.common_environment, {
    INGESTION_BUCKET        = module.ingestion_bucket.id
    TOTESYS_SECRET_ID       = aws_secretsmanager_secret.totesys.arn
    POWERTOOLS_SERVICE_NAME = local.service.extract
  })

  policy_statements = concat([
    {
      sid       = "WriteIngestionObjects"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = ["${module.ingestion_bucket.arn}/${local.ingestion_prefix}*"]
    },
    {
      sid       = "ReadIngestionStateAndManifests"
      actions   = ["s3:GetObject"]
      resources = ["${module.ingestion_bucket.arn}/${local.ingestion_prefix}_state/*", "${module.ingestion_bucket.arn}/${local.ingestion_prefix}_batches/*"]
    },
    {
      sid        = "ListIngestionManifests"
      actions    = ["s3:ListBucket"]
      resources  = [module.ingestion_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${local.ingestion_prefix}*"] }]
    },
    {
      sid       = "ReadTotesysSecret"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.totesys.arn]
    },
  ], local.kms_statements)

  metric_alarms = [
    {
      name        = "extract-failures"
      namespace   = var.metrics_namespace
      metric_name = "ExtractFailures"
      dimensions  = { Service = local.service.extract }
    },
    {
      # The heartbeat: the extract counts every run, also when nothing changed. No run for the window = stalled
      # schedule, disabled function, or runs dying before their first metric. Silence is the failure here.
      name                = "extract-heartbeat"
      namespace           = var.metrics_namespace
      metric_name         = "ExtractRuns"
      dimensions          = { Service = local.service.extract }
      statistic           = "Sum"
      threshold           = 1
      comparison_operator = "LessThanThreshold"
      period              = 300
      evaluation_periods  = var.extract_heartbeat_minutes / 5
      datapoints_to_alarm = var.extract_heartbeat_minutes / 5
      treat_missing_data  = "breaching"
    },
  ]
}

module "transform_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-totesys-transform"
  description                    = "Transforms ingestion batches into star-schema Parquet in ${module.processed_bucket.id}."
  handler                        = "dev.sluice.etl.transform.TransformHandler::handleRequest"
  filename                       = local.function_zip
  layers                         = [module.layer.layer_version_arn]
  architecture                   = var.architecture
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  emulator_mode                  = local.emulator
  alarm_topic_arn                = local.alarm_topic_arn
  depends_on                     = [aws_sns_topic.alarms] # its alarms name the topic by the ARN built above
  log_retention_days             = var.log_retention_days
  application_log_level          = var.log_level
  reserved_concurrent_executions = 1 # batches are transformed in order by one run
  # With one reserved slot, a manifest arriving during a run is throttled and retried by Lambda (the run catches
  # up on every batch anyway); only sustained throttling is a problem.
  throttle_alarm_threshold = var.throttle_alarm_threshold

  environment = merge(local.common_environment, {
    INGESTION_BUCKET        = module.ingestion_bucket.id
    PROCESSED_BUCKET        = module.processed_bucket.id
    POWERTOOLS_SERVICE_NAME = local.service.transform
  })

  policy_statements = concat([
    {
      sid       = "ReadIngestion"
      actions   = ["s3:GetObject"]
      resources = ["${module.ingestion_bucket.arn}/${local.ingestion_prefix}*"]
    },
    {
      sid        = "ListIngestionManifests"
      actions    = ["s3:ListBucket"]
      resources  = [module.ingestion_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${local.ingestion_prefix}_batches/*"] }]
    },
    {
      sid       = "ReadWriteProcessed"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
      resources = ["${module.processed_bucket.arn}/${local.processed_prefix}*"]
    },
    {
      sid        = "ListProcessed"
      actions    = ["s3:ListBucket"]
      resources  = [module.processed_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${local.processed_prefix}*"] }]
    },
  ], local.kms_statements)

  metric_alarms = [{
    name        = "transform-failures"
    namespace   = var.metrics_namespace
    metric_name = "TransformFailures"
    dimensions  = { Service = local.service.transform }
  }]
}

module "load_function" {
  source = "../../modules/lambda-function"

  function_name                  = "${var.name_prefix}-totesys-load"
  description                    = "Loads processed batches into the warehouse, each exactly once."
  handler                        = "dev.sluice.etl.load.LoadHandler::handleRequest"
  filename                       = local.function_zip
  layers                         = [module.layer.layer_version_arn]
  architecture                   = var.architecture
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  emulator_mode                  = local.emulator
  alarm_topic_arn                = local.alarm_topic_arn
  depends_on                     = [aws_sns_topic.alarms] # its alarms name the topic by the ARN built above
  log_retention_days             = var.log_retention_days
  application_log_level          = var.log_level
  reserved_concurrent_executions = 1                            # the advisory lock serialises anyway; this saves idle connections
  throttle_alarm_threshold       = var.throttle_alarm_threshold # see the transform
  vpc_config                     = var.vpc_config

  environment = merge(local.common_environment, {
    PROCESSED_BUCKET        = module.processed_bucket.id
    WAREHOUSE_SECRET_ID     = aws_secretsmanager_secret.warehouse.arn
    POWERTOOLS_SERVICE_NAME = local.service.load
  })

  policy_statements = concat([
    {
      sid       = "ReadProcessed"
      actions   = ["s3:GetObject"]
      resources = ["${module.processed_bucket.arn}/${local.processed_prefix}*"]
    },
    {
      sid        = "ListProcessedManifests"
      actions    = ["s3:ListBucket"]
      resources  = [module.processed_bucket.arn]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["${local.processed_prefix}_batches/*"] }]
    },
    {
      sid       = "ReadWarehouseSecret"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.warehouse.arn]
    },
  ], local.kms_statements)

  # The SLO: a change in Totesys is visible in the warehouse within 30 minutes (var.warehouse_lag_alarm_seconds).
  metric_alarms = [
    {
      name        = "load-failures"
      namespace   = var.metrics_namespace
      metric_name = "LoadFailures"
      dimensions  = { Service = local.service.load }
    },
    {
      # Per loaded batch: source change -> warehouse commit. Emitted only when something is loaded, so silence is
      # not a breach here; the freshness alarm below catches a pipeline that stopped loading.
      name        = "source-to-warehouse-lag"
      namespace   = var.metrics_namespace
      metric_name = "SourceToWarehouseLagSeconds"
      dimensions  = { Service = local.service.load }
      statistic   = "Maximum"
      threshold   = var.warehouse_lag_alarm_seconds
    },
    {
      # Age of the newest data in the warehouse, reported by every load run. Missing for the whole SLO window =
      # nothing reached the warehouse for 30 minutes (stalled extract, transform or load): that is a breach.
      name                = "warehouse-freshness"
      namespace           = var.metrics_namespace
      metric_name         = "WarehouseFreshnessSeconds"
      dimensions          = { Service = local.service.load }
      statistic           = "Maximum"
      threshold           = var.warehouse_lag_alarm_seconds
      period              = 300
      evaluation_periods  = ceil(var.warehouse_lag_alarm_seconds / 300)
      datapoints_to_alarm = ceil(var.warehouse_lag_alarm_seconds / 300)
      treat_missing_data  = "breaching"
    },
  ]
}

module "transform_trigger" {
  source = "../../modules/s3-trigger"

  mode                = "direct"
  bucket_name         = module.ingestion_bucket.id
  bucket_arn          = module.ingestion_bucket.arn
  source_account      = local.account_id
  function_name       = module.transform_function.function_name
  function_alias_name = module.transform_function.alias_name
  function_alias_arn  = module.transform_function.alias_arn
  function_role_name  = module.transform_function.role_name
  function_timeout    = module.transform_function.timeout
  filter_prefix       = "${local.ingestion_prefix}_batches/"
  filter_suffixes     = [".json"]
  alarm_topic_arn     = aws_sns_topic.alarms.arn
}

module "load_trigger" {
  source = "../../modules/s3-trigger"

  mode                = "direct"
  bucket_name         = module.processed_bucket.id
  bucket_arn          = module.processed_bucket.arn
  source_account      = local.account_id
  function_name       = module.load_function.function_name
  function_alias_name = module.load_function.alias_name
  function_alias_arn  = module.load_function.alias_arn
  function_role_name  = module.load_function.role_name
  function_timeout    = module.load_function.timeout
  filter_prefix       = "${local.processed_prefix}_batches/"
  filter_suffixes     = [".json"]
  alarm_topic_arn     = aws_sns_topic.alarms.arn
}

# EventBridge Scheduler runs the extract; its role may invoke only the extract alias.
resource "aws_iam_role" "scheduler" {
  name = "${var.name_prefix}-totesys-extract-schedule"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "scheduler.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "invoke-extract"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InvokeExtractAlias"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = [module.extract_function.alias_arn]
    }]
  })
}

resource "aws_scheduler_schedule" "extract" {
  name                = "${var.name_prefix}-totesys-extract"
  schedule_expression = var.extract_schedule

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.extract_function.alias_arn
    role_arn = aws_iam_role.scheduler.arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 600
    }
  }
}

# Alert e-mails that say what failed: ERROR lines of the three functions -> notifier -> the stack's alarm topic.
module "error_notifier" {
  source = "../../modules/error-notifier"

  function_name           = "${var.name_prefix}-totesys-notifier"
  filename                = local.notifier_zip
  architecture            = var.architecture
  alert_topic_arn         = local.alarm_topic_arn
  alert_topic_kms_key_arn = aws_kms_key.alarms.arn
  alert_window_seconds    = var.alert_window_seconds
  log_retention_days      = var.log_retention_days
  emulator_mode           = local.emulator
  log_groups = {
    extract   = module.extract_function.log_group_name
    transform = module.transform_function.log_group_name
    load      = module.load_function.log_group_name
  }

  depends_on = [aws_sns_topic.alarms]
}
