# Plan-only tests of the Totesys ETL stack: secure buckets, three least-privilege functions, the schedule, the
# manifest-filtered triggers and the alarms. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan
}

override_data {
  target = data.aws_caller_identity.current
  values = {
    account_id = "123456789012"
  }
}

override_resource {
  target          = module.ingestion_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-ingestion", id = "sluice-test-ingestion" }
}

override_resource {
  target          = module.processed_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-processed", id = "sluice-test-processed" }
}

override_resource {
  target          = module.artifacts_bucket.aws_s3_bucket.this
  override_during = plan
  values          = { arn = "arn:aws:s3:::sluice-test-etl-artifacts", id = "sluice-test-etl-artifacts" }
}

override_resource {
  target          = aws_secretsmanager_secret.totesys
  override_during = plan
  values          = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:sluice-test/totesys-AbCdEf" }
}

override_resource {
  target          = aws_secretsmanager_secret.warehouse
  override_during = plan
  values          = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:sluice-test/warehouse-AbCdEf" }
}

override_resource {
  target          = module.extract_function.aws_sqs_queue.dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-totesys-extract-dlq" }
}

override_resource {
  target          = module.extract_function.aws_cloudwatch_log_group.this
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-totesys-extract" }
}

override_resource {
  target          = module.transform_function.aws_sqs_queue.dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-totesys-transform-dlq" }
}

override_resource {
  target          = module.transform_function.aws_cloudwatch_log_group.this
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-totesys-transform" }
}

override_resource {
  target          = module.load_function.aws_sqs_queue.dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:us-east-1:123456789012:sluice-test-totesys-load-dlq" }
}

override_resource {
  target          = module.load_function.aws_cloudwatch_log_group.this
  override_during = plan
  values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/sluice-test-totesys-load" }
}

override_resource {
  target          = module.extract_function.aws_lambda_alias.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-totesys-extract:live" }
}

override_resource {
  target          = aws_kms_key.alarms
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555", key_id = "11111111-2222-3333-4444-555555555555" }
}

override_resource {
  target          = module.error_notifier.aws_lambda_function.this
  override_during = plan
  values          = { arn = "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-totesys-notifier" }
}

override_resource {
  target          = module.error_notifier.aws_dynamodb_table.dedup
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/sluice-test-totesys-notifier-dedup" }
}

override_data {
  target = module.error_notifier.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.error_notifier.data.aws_partition.current
  values = { partition = "aws" }
}

override_data {
  target = module.error_notifier.data.aws_region.current
  values = { name = "us-east-1" }
}

override_resource {
  target          = aws_security_group.endpoints
  override_during = plan
  values          = { id = "sg-endpoints" }
}

override_data {
  target = data.aws_partition.current
  values = {
    partition = "aws"
  }
}

variables {
  name_prefix  = "sluice-test"
  function_zip = "../../test/fixtures/dummy.zip"
  layer_zip    = "../../test/fixtures/dummy.zip"
  notifier_zip = "../../test/fixtures/dummy.zip"
}

run "every_bucket_is_private_encrypted_versioned_tls_only" {
  command = plan

  assert {
    condition = alltrue([
      for b in [module.ingestion_bucket.security, module.processed_bucket.security, module.artifacts_bucket.security] :
      alltrue(values(b.public_access_block)) &&
      b.versioning_status == "Enabled" &&
      b.tls_only_policy.Statement[0].Effect == "Deny" &&
      b.force_destroy == false
    ])
    error_message = "Every bucket needs the public access block, versioning and the TLS-only policy."
  }
}

run "each_function_has_only_its_own_permissions" {
  command = plan

  assert {
    condition = {
      for s in module.extract_function.security.policy.Statement : s.Sid => [s.Action, s.Resource]
      if contains(["WriteIngestionObjects", "ReadTotesysSecret"], s.Sid)
      } == {
      WriteIngestionObjects = [["s3:PutObject", "s3:AbortMultipartUpload"], ["arn:aws:s3:::sluice-test-ingestion/ingestion/*"]]
      ReadTotesysSecret     = [["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:us-east-1:123456789012:secret:sluice-test/totesys-AbCdEf"]]
    }
    error_message = "The extract writes only ingestion/ and reads only the Totesys secret."
  }

  assert {
    condition = (
      !contains(flatten([for s in module.transform_function.security.policy.Statement : s.Action]), "secretsmanager:GetSecretValue") &&
      {
        for s in module.transform_function.security.policy.Statement : s.Sid => [s.Action, s.Resource]
        if contains(["ReadIngestion", "ReadWriteProcessed"], s.Sid)
        } == {
        ReadIngestion      = [["s3:GetObject"], ["arn:aws:s3:::sluice-test-ingestion/ingestion/*"]]
        ReadWriteProcessed = [["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"], ["arn:aws:s3:::sluice-test-processed/processed/*"]]
      }
    )
    error_message = "The transform reads ingestion/, writes processed/ and reads no secret."
  }

  assert {
    condition = (
      !contains(flatten([for s in module.load_function.security.policy.Statement : s.Action]), "s3:PutObject") &&
      {
        for s in module.load_function.security.policy.Statement : s.Sid => [s.Action, s.Resource]
        if contains(["ReadProcessed", "ReadWarehouseSecret"], s.Sid)
        } == {
        ReadProcessed       = [["s3:GetObject"], ["arn:aws:s3:::sluice-test-processed/processed/*"]]
        ReadWarehouseSecret = [["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:us-east-1:123456789012:secret:sluice-test/warehouse-AbCdEf"]]
      }
    )
    error_message = "The load reads processed/ and the warehouse secret only, and writes no object."
  }

  assert {
    condition = alltrue(flatten([
      for f in [module.extract_function, module.transform_function, module.load_function] : [
        for s in f.security.policy.Statement : [for a in s.Action : a != "*" && !endswith(a, ":*")]
      ]
    ]))
    error_message = "No wildcard actions."
  }
}

run "triggers_are_scoped_to_their_bucket" {
  command = plan

  assert {
    condition = (
      module.transform_trigger.security.permissions[0].source_arn == "arn:aws:s3:::sluice-test-ingestion" &&
      module.transform_trigger.security.permissions[0].qualifier == "live" &&
      module.load_trigger.security.permissions[0].source_arn == "arn:aws:s3:::sluice-test-processed" &&
      module.load_trigger.security.permissions[0].source_account == "123456789012"
    )
    error_message = "S3 may invoke the transform only for the ingestion bucket and the load only for the processed bucket."
  }
}

run "extract_runs_on_a_schedule" {
  command = plan

  assert {
    condition = (
      aws_scheduler_schedule.extract.schedule_expression == "rate(5 minutes)" &&
      one(aws_scheduler_schedule.extract.target).arn == "arn:aws:lambda:us-east-1:123456789012:function:sluice-test-totesys-extract:live" &&
      jsondecode(aws_iam_role_policy.scheduler.policy).Statement[0].Action == ["lambda:InvokeFunction"] &&
      jsondecode(aws_iam_role_policy.scheduler.policy).Statement[0].Resource == ["arn:aws:lambda:us-east-1:123456789012:function:sluice-test-totesys-extract:live"]
    )
    error_message = "The extract is scheduled every 5 minutes and the schedule may only invoke its alias."
  }
}

run "errors_dlq_and_warehouse_lag_are_alarmed" {
  command = plan

  variables {
    alarm_emails = ["oncall@example.com"]
  }

  assert {
    condition = alltrue([
      for f in [module.extract_function, module.transform_function, module.load_function] :
      contains(f.security.alarm_metrics, "AWS/Lambda/Errors") &&
      contains(f.security.alarm_metrics, "AWS/SQS/ApproximateNumberOfMessagesVisible")
    ]) && contains(module.load_function.security.alarm_metrics, "sluice/SourceToWarehouseLagSeconds")
    error_message = "Each function's errors and DLQ depth, and the warehouse lag, must be alarmed."
  }

  assert {
    condition = alltrue([
      for f in [module.extract_function, module.transform_function, module.load_function] :
      f.security.alarm_topics == tolist(["arn:aws:sns:us-east-1:123456789012:sluice-test-totesys-etl-alarms"]) && !f.security.own_alarm_topic
    ]) && aws_sns_topic.alarms.name == "sluice-test-totesys-etl-alarms"
    error_message = "Every alarm of the stack (errors, DLQ depth, warehouse lag) must publish to the one stack topic; no function has its own."
  }

  assert {
    condition = (
      aws_sns_topic.alarms.kms_master_key_id == aws_kms_key.alarms.arn &&
      aws_kms_key.alarms.enable_key_rotation &&
      one([for s in jsondecode(aws_kms_key.alarms.policy).Statement : s.Action if s.Sid == "CloudWatchAlarmsPublish"]) == ["kms:Decrypt", "kms:GenerateDataKey*"]
    )
    error_message = "The alarm topic is encrypted with a rotated customer-managed key that CloudWatch may use."
  }

  assert {
    condition = (
      keys(aws_sns_topic_subscription.alarm_email) == ["oncall@example.com"] &&
      aws_sns_topic_subscription.alarm_email["oncall@example.com"].protocol == "email"
    )
    error_message = "alarm_emails subscribe to the single topic."
  }
}

run "vpc_config_needs_two_subnets" {
  command = plan

  variables {
    vpc_config = { subnet_ids = ["subnet-a"], security_group_ids = ["sg-1"] }
  }

  expect_failures = [var.vpc_config]
}

run "vpc_config_reaches_the_database_functions" {
  command = plan

  variables {
    vpc_config = { subnet_ids = ["subnet-a", "subnet-b"], security_group_ids = ["sg-1"] }
  }

  assert {
    condition     = module.extract_function.function_name == "sluice-test-totesys-extract"
    error_message = "A two-subnet VPC configuration plans."
  }
}

run "every_alarm_says_what_missing_data_means" {
  command = plan

  assert {
    condition = merge(module.extract_function.security.treat_missing_data, module.transform_function.security.treat_missing_data,
      module.load_function.security.treat_missing_data, { (module.error_notifier.function_name) = module.error_notifier.security.alarm_treat_missing }) == {
      "sluice-test-totesys-extract-errors"                  = "notBreaching"
      "sluice-test-totesys-extract-dlq-not-empty"           = "notBreaching"
      "sluice-test-totesys-extract-throttles"               = "notBreaching"
      "sluice-test-totesys-extract-duration-near-timeout"   = "notBreaching"
      "sluice-test-totesys-extract-extract-failures"        = "notBreaching"
      "sluice-test-totesys-extract-extract-heartbeat"       = "breaching"
      "sluice-test-totesys-transform-errors"                = "notBreaching"
      "sluice-test-totesys-transform-dlq-not-empty"         = "notBreaching"
      "sluice-test-totesys-transform-throttles"             = "notBreaching"
      "sluice-test-totesys-transform-duration-near-timeout" = "notBreaching"
      "sluice-test-totesys-transform-transform-failures"    = "notBreaching"
      "sluice-test-totesys-load-errors"                     = "notBreaching"
      "sluice-test-totesys-load-dlq-not-empty"              = "notBreaching"
      "sluice-test-totesys-load-throttles"                  = "notBreaching"
      "sluice-test-totesys-load-duration-near-timeout"      = "notBreaching"
      "sluice-test-totesys-load-load-failures"              = "notBreaching"
      "sluice-test-totesys-load-source-to-warehouse-lag"    = "notBreaching"
      "sluice-test-totesys-load-warehouse-freshness"        = "breaching"
      "sluice-test-totesys-notifier"                        = "notBreaching"
    }
    error_message = "Silence breaches only the extract heartbeat and the warehouse freshness; event-count alarms treat it as OK."
  }

  assert {
    condition = (
      module.extract_function.security.alarms["sluice-test-totesys-extract-extract-heartbeat"] == ["sluice/ExtractRuns", "Sum", "LessThanThreshold", 1, 900] &&
      module.load_function.security.alarms["sluice-test-totesys-load-warehouse-freshness"] == ["sluice/WarehouseFreshnessSeconds", "Maximum", "GreaterThanThreshold", 1800, 1800] &&
      module.load_function.security.alarms["sluice-test-totesys-load-source-to-warehouse-lag"] == ["sluice/SourceToWarehouseLagSeconds", "Maximum", "GreaterThanThreshold", 1800, 300] &&
      module.extract_function.security.alarms["sluice-test-totesys-extract-duration-near-timeout"] == ["AWS/Lambda/Duration", "Maximum", "GreaterThanThreshold", 480000, 300] &&
      module.load_function.security.alarms["sluice-test-totesys-load-throttles"] == ["AWS/Lambda/Throttles", "Sum", "GreaterThanThreshold", 5, 300]
    )
    error_message = "Heartbeat: no run in 15 min; freshness: > 30 min old or unreported for 30 min; lag > 30 min; duration > 80 % of 600 s; sustained throttling."
  }
}

run "error_lines_of_all_three_functions_are_mailed" {
  command = plan

  assert {
    condition = (
      module.error_notifier.security.subscribed_log_groups == tolist(["/aws/lambda/sluice-test-totesys-extract", "/aws/lambda/sluice-test-totesys-load", "/aws/lambda/sluice-test-totesys-transform"]) &&
      module.error_notifier.security.environment["ALERT_TOPIC_ARN"] == "arn:aws:sns:us-east-1:123456789012:sluice-test-totesys-etl-alarms" &&
      one([for s in module.error_notifier.security.policy.Statement : s.Resource if s.Sid == "EncryptForAlertTopic"]) == ["arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"]
    )
    error_message = "The notifier watches the three functions and publishes to the KMS-encrypted stack topic."
  }
}

run "no_vpc_endpoints_by_default" {
  command = plan

  assert {
    condition     = length(aws_vpc_endpoint.s3) == 0 && length(aws_vpc_endpoint.interface) == 0 && length(aws_security_group.endpoints) == 0
    error_message = "Without a VPC nothing network-related is created."
  }
}

run "vpc_endpoints_give_the_functions_s3_and_secrets_manager" {
  command = plan

  variables {
    vpc_config    = { subnet_ids = ["subnet-a", "subnet-b"], security_group_ids = ["sg-fn"] }
    vpc_endpoints = { vpc_id = "vpc-1", route_table_ids = ["rtb-1", "rtb-2"] }
  }

  assert {
    condition = (
      aws_vpc_endpoint.s3[0].vpc_endpoint_type == "Gateway" && aws_vpc_endpoint.s3[0].service_name == "com.amazonaws.us-east-1.s3" &&
      aws_vpc_endpoint.s3[0].route_table_ids == toset(["rtb-1", "rtb-2"])
    )
    error_message = "S3 is reached through a gateway endpoint on the functions' route tables."
  }

  assert {
    condition = (
      keys(aws_vpc_endpoint.interface) == ["secretsmanager"] &&
      aws_vpc_endpoint.interface["secretsmanager"].vpc_endpoint_type == "Interface" &&
      aws_vpc_endpoint.interface["secretsmanager"].service_name == "com.amazonaws.us-east-1.secretsmanager" &&
      aws_vpc_endpoint.interface["secretsmanager"].private_dns_enabled &&
      aws_vpc_endpoint.interface["secretsmanager"].subnet_ids == toset(["subnet-a", "subnet-b"]) &&
      aws_vpc_endpoint.interface["secretsmanager"].security_group_ids == toset(["sg-endpoints"])
    )
    error_message = "Secrets Manager is reached through a private-DNS interface endpoint in the functions' subnets."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.endpoints_https["sg-fn"].referenced_security_group_id == "sg-fn" &&
      aws_vpc_security_group_ingress_rule.endpoints_https["sg-fn"].from_port == 443 &&
      aws_vpc_security_group_ingress_rule.endpoints_https["sg-fn"].to_port == 443 && length(aws_vpc_security_group_ingress_rule.endpoints_https) == 1
    )
    error_message = "The interface endpoints accept HTTPS from the functions' security group only."
  }
}

run "kms_data_buckets_add_a_kms_endpoint_and_key_permissions" {
  command = plan

  variables {
    kms_key_arn   = "arn:aws:kms:us-east-1:123456789012:key/99999999-2222-3333-4444-555555555555"
    vpc_config    = { subnet_ids = ["subnet-a", "subnet-b"], security_group_ids = ["sg-fn"] }
    vpc_endpoints = { vpc_id = "vpc-1", route_table_ids = ["rtb-1"] }
  }

  assert {
    condition     = keys(aws_vpc_endpoint.interface) == ["kms", "secretsmanager"]
    error_message = "With SSE-KMS buckets inside a VPC the functions also need the KMS endpoint."
  }

  assert {
    condition = alltrue([for f in [module.extract_function, module.transform_function, module.load_function] :
      one([for s in f.security.policy.Statement : s.Resource if s.Sid == "UseDataBucketKey"]) == ["arn:aws:kms:us-east-1:123456789012:key/99999999-2222-3333-4444-555555555555"]
    ]) && module.ingestion_bucket.security.sse_algorithm == "aws:kms" && module.processed_bucket.security.sse_algorithm == "aws:kms"
    error_message = "Both data buckets use the customer-managed key and every function may use that key only."
  }
}

run "vpc_endpoints_need_vpc_config" {
  command = plan

  variables {
    vpc_endpoints = { vpc_id = "vpc-1", route_table_ids = ["rtb-1"] }
  }

  expect_failures = [var.vpc_endpoints]
}

run "secrets_recovery_window_and_rotation" {
  command = plan

  variables {
    secret_recovery_window_days = 0
    secret_rotation             = { warehouse = { lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate-pg" } }
  }

  assert {
    condition = (
      aws_secretsmanager_secret.totesys.recovery_window_in_days == 0 && aws_secretsmanager_secret.warehouse.recovery_window_in_days == 0 &&
      keys(aws_secretsmanager_secret_rotation.this) == ["warehouse"] &&
      aws_secretsmanager_secret_rotation.this["warehouse"].rotation_lambda_arn == "arn:aws:lambda:us-east-1:123456789012:function:rotate-pg" &&
      one(aws_secretsmanager_secret_rotation.this["warehouse"].rotation_rules).automatically_after_days == 30
    )
    error_message = "The recovery window is a variable, and rotation is configured only for the secrets named."
  }
}

run "analytics_are_off_by_default" {
  command = plan

  assert {
    condition     = length(aws_glue_catalog_database.totesys) == 0 && length(aws_glue_catalog_table.star) == 0 && length(aws_quicksight_data_source.warehouse) == 0 && length(aws_quicksight_data_set.sales) == 0
    error_message = "Glue and QuickSight are opt-in."
  }
}

run "glue_catalog_matches_the_parquet_layout" {
  command = plan

  variables {
    glue_catalog = true
  }

  assert {
    condition     = aws_glue_catalog_database.totesys[0].name == "sluice_test_totesys" && length(aws_glue_catalog_table.star) == 11
    error_message = "One database, one table per star-schema table (8 dimensions, 3 facts)."
  }

  assert {
    condition = alltrue([for name, t in aws_glue_catalog_table.star :
      one(t.storage_descriptor).location == "s3://sluice-test-processed/processed/${name}/" &&
      one(t.storage_descriptor).ser_de_info[0].serialization_library == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" &&
      [for k in t.partition_keys : [k.name, k.type]] == [["batch", "string"]]
    ])
    error_message = "Each table reads processed/<table>/batch=<id>/ as Parquet, partitioned by batch."
  }

  assert {
    condition = {
      for c in one(aws_glue_catalog_table.star["fact_payment"].storage_descriptor).columns : c.name => c.type
      if contains(["payment_id", "created_date", "created_time", "payment_amount", "paid"], c.name)
      } == {
      payment_id = "int", created_date = "date", created_time = "bigint", payment_amount = "decimal(12,2)", paid = "boolean"
    }
    error_message = "Column types follow the Parquet schema (TIME as bigint microseconds)."
  }
}

run "quicksight_reads_the_warehouse_with_its_secret" {
  command = plan

  variables {
    quicksight = {
      principal_arn      = "arn:aws:quicksight:us-east-1:123456789012:user/default/analyst"
      warehouse_host     = "warehouse.example.internal"
      warehouse_database = "warehouse"
    }
  }

  assert {
    condition = (
      aws_quicksight_data_source.warehouse[0].type == "POSTGRESQL" &&
      one(aws_quicksight_data_source.warehouse[0].credentials).secret_arn == "arn:aws:secretsmanager:us-east-1:123456789012:secret:sluice-test/warehouse-AbCdEf" &&
      one(one(aws_quicksight_data_source.warehouse[0].parameters).postgresql).port == 5432 &&
      aws_quicksight_data_set.sales[0].import_mode == "DIRECT_QUERY"
    )
    error_message = "The data source uses the warehouse secret (no password in the state) and the dataset queries directly."
  }
}
