locals {
  function_zip = coalesce(var.function_zip, "${path.root}/../../../sluice-etl/target/sluice-etl-functions.zip")
  layer_zip    = coalesce(var.layer_zip, "${path.root}/../../../sluice-etl/target/sluice-etl-layer.zip")
  account_id   = data.aws_caller_identity.current.account_id

  # One topic for every alarm of the stack (issue 7). Its ARN is built from plan-time values so that the functions'
  # module can decide at plan time not to create its own topic (a computed ARN would make its count unknown).
  alarm_topic_name = "${var.name_prefix}-totesys-etl-alarms"
  alarm_topic_arn  = "arn:${data.aws_partition.current.partition}:sns:${var.region}:${local.account_id}:${local.alarm_topic_name}"

  ingestion_prefix = "ingestion/"
  processed_prefix = "processed/"

  common_environment = {
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }
}

module "ingestion_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-ingestion"
  enforce_tls_policy = var.enforce_tls_policy
  force_destroy      = var.force_destroy_buckets
}

module "processed_bucket" {
  source = "../../modules/s3-bucket"

  name               = "${var.name_prefix}-processed"
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
resource "aws_secretsmanager_secret" "totesys" {
  name        = "${var.name_prefix}/totesys"
  description = "Totesys source database credentials for the extract (value set outside Terraform)."
}

resource "aws_secretsmanager_secret" "warehouse" {
  name        = "${var.name_prefix}/warehouse"
  description = "Warehouse database credentials for the load (value set outside Terraform)."
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
    POWERTOOLS_SERVICE_NAME = "${var.name_prefix}-totesys-extract"
  })

  policy_statements = [
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

  environment = merge(local.common_environment, {
    INGESTION_BUCKET        = module.ingestion_bucket.id
    PROCESSED_BUCKET        = module.processed_bucket.id
    POWERTOOLS_SERVICE_NAME = "${var.name_prefix}-totesys-transform"
  })

  policy_statements = [
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
  ]
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
  reserved_concurrent_executions = 1 # the advisory lock serialises anyway; this saves idle connections
  vpc_config                     = var.vpc_config

  environment = merge(local.common_environment, {
    PROCESSED_BUCKET        = module.processed_bucket.id
    WAREHOUSE_SECRET_ID     = aws_secretsmanager_secret.warehouse.arn
    POWERTOOLS_SERVICE_NAME = "${var.name_prefix}-totesys-load"
  })

  policy_statements = [
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
  ]

  # The seed's requirement: a change in Totesys is in the warehouse within 30 minutes.
  metric_alarms = [{
    name                = "warehouse-lag"
    namespace           = var.metrics_namespace
    metric_name         = "WarehouseLagSeconds"
    dimensions          = { Service = "${var.name_prefix}-totesys-load" }
    statistic           = "Maximum"
    threshold           = var.warehouse_lag_alarm_seconds
    comparison_operator = "GreaterThanThreshold"
  }]
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
