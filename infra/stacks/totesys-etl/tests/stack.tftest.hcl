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
    ]) && contains(module.load_function.security.alarm_metrics, "sluice/WarehouseLagSeconds")
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
