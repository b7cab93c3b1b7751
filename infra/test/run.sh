#!/usr/bin/env bash
# Terraform checks for Sluice, run by .ci/run after the Maven build:
#   1. terraform fmt -check -recursive
#   2. terraform init (offline, filesystem mirror) + validate of every module and stack, and of infra/bootstrap
#   3. terraform test (plan-only, mock provider) where *.tftest.hcl files exist
#   4. end-to-end: apply each stack to its own moto_server on a free 127.0.0.1 port, check the created resources with
#      the AWS CLI, check that a second plan is empty, destroy, check that nothing is left. Stacks run in parallel.
# It never skips: a missing terraform, provider mirror, moto_server, AWS CLI or Lambda zip is an error.
#
# Usage: infra/test/run.sh [--static-only] [stack ...]
#   (default stacks: csv-filter file-metadata csv-to-dynamodb totesys-etl)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
INFRA="$ROOT/infra"
FUNCTION_ZIP="$ROOT/sluice-lambda/target/sluice-functions.zip"
LAYER_ZIP="$ROOT/sluice-lambda/target/sluice-layer.zip"
ETL_FUNCTION_ZIP="$ROOT/sluice-etl/target/sluice-etl-functions.zip"
ETL_LAYER_ZIP="$ROOT/sluice-etl/target/sluice-etl-layer.zip"
NOTIFIER_ZIP="$ROOT/sluice-notifier/target/sluice-notifier.zip" # every stack deploys the error notifier

# Providers come from the offline filesystem mirror (infra/terraformrc). SLUICE_TF_REGISTRY=1 (GitHub Actions) uses
# the public registry instead; the committed lock files pin the same hashicorp/aws 5.100.0 package either way.
if [ "${SLUICE_TF_REGISTRY:-0}" = 1 ]; then
  unset TF_CLI_CONFIG_FILE
else
  export TF_CLI_CONFIG_FILE="$INFRA/terraformrc"
fi
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN

static_only=false
stacks=()
for a in "$@"; do
  case "$a" in
    --static-only) static_only=true ;;
    -*) echo "usage: $0 [--static-only] [stack ...]" >&2; exit 2 ;;
    *) stacks+=("$a") ;;
  esac
done
[ ${#stacks[@]} -gt 0 ] || stacks=(csv-filter file-metadata csv-to-dynamodb totesys-etl)

fail() { echo "infra-test: FAIL: $*" >&2; exit 1; }
log() { echo "infra-test: $*"; }

# ------------------------------------------------------------------------------------------------ required tools
missing=()
command -v terraform >/dev/null 2>&1 || missing+=("terraform (>= 1.10; expected at /usr/local/bin/terraform)")
[ "${SLUICE_TF_REGISTRY:-0}" = 1 ] || [ -d /opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0 ] ||
  missing+=("hashicorp/aws 5.100.0 in the filesystem mirror /opt/tf-plugins (see infra/terraformrc)")
if ! $static_only; then
  command -v moto_server >/dev/null 2>&1 || missing+=("moto_server (pip package moto[server] 5.x)")
  command -v aws >/dev/null 2>&1 && python3 -c 'import awscli' 2>/dev/null || missing+=("aws CLI (pip package awscli)")
  command -v python3 >/dev/null 2>&1 || missing+=("python3")
  [ -s "$FUNCTION_ZIP" ] || missing+=("$FUNCTION_ZIP (build: ./mvnw -B -ntp -pl sluice-lambda -am package)")
  [ -s "$LAYER_ZIP" ] || missing+=("$LAYER_ZIP (build: ./mvnw -B -ntp -pl sluice-lambda -am package)")
  for z in "$ETL_FUNCTION_ZIP" "$ETL_LAYER_ZIP"; do
    [ -s "$z" ] || missing+=("$z (build: ./mvnw -B -ntp -pl sluice-etl -am package)")
  done
  [ -s "$NOTIFIER_ZIP" ] ||
    missing+=("$NOTIFIER_ZIP (the error notifier every stack deploys; build: ./mvnw -B -ntp -pl sluice-notifier -am package)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'infra-test: required tool or file missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sluice-infra-test.XXXXXX")"
cleanup() {
  local f
  # Stop only the servers this script started (moto_server per stack, the AWS CLI server; pids in $WORK/*.pid).
  for f in "$WORK"/*.pid; do if [ -e "$f" ]; then kill "$(cat "$f")" 2>/dev/null || true; fi; done
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------ static checks
t0=$SECONDS
log "terraform fmt -check -recursive infra"
terraform fmt -check -recursive -diff "$INFRA" || fail "terraform fmt: run 'terraform fmt -recursive infra'"

# Validate and test in a copy, so .terraform/ and state never touch the working tree; the end-to-end run gets its own
# copy. Two directories at a time: each step mostly waits for the 700 MB provider binary to start.
mkdir -p "$WORK/static" "$WORK/e2e"
for d in static e2e; do cp -r "$INFRA/modules" "$INFRA/stacks" "$INFRA/bootstrap" "$INFRA/test" "$WORK/$d/"; done
rm -rf "$WORK"/*/modules/*/.terraform "$WORK"/*/stacks/*/.terraform "$WORK"/*/stacks/*/terraform.tfstate* "$WORK"/*/bootstrap/.terraform
static_check() { # $1 = directory; prints one summary line, or the failing output and exits 1
  local dir="$1" name="${1#"$WORK"/static/}" out
  out="$(cd "$dir" && terraform init -backend=false -lockfile=readonly -no-color 2>&1)" ||
    { printf '%s\n' "$out" >&2; echo "infra-test: FAIL: terraform init $name (offline mirror; the lock file must match)" >&2; return 1; }
  out="$(cd "$dir" && terraform validate -no-color 2>&1)" ||
    { printf '%s\n' "$out" >&2; echo "infra-test: FAIL: terraform validate $name" >&2; return 1; }
  if compgen -G "$dir/tests/*.tftest.hcl" >/dev/null; then
    out="$(cd "$dir" && terraform test -no-color 2>&1)" ||
      { printf '%s\n' "$out" >&2; echo "infra-test: FAIL: terraform test $name" >&2; return 1; }
    echo "infra-test:   $name: valid, tests $(printf '%s\n' "$out" | grep -Eo '[0-9]+ passed, [0-9]+ failed' | tail -1)"
  else
    echo "infra-test:   $name: valid (no tests)"
  fi
}
export -f static_check
export WORK
run_static() {
  local t=$SECONDS rc=0
  log "terraform init + validate + test of every module and stack"
  printf '%s\0' "$WORK"/static/modules/* "$WORK"/static/stacks/* "$WORK"/static/bootstrap | xargs -0 -n1 -P2 bash -c 'static_check "$1"' _ || rc=1
  log "static checks: $((SECONDS - t)) s"
  return $rc
}
if $static_only; then run_static || fail "static checks"; exit 0; fi

# ------------------------------------------------------------------------------------------------ e2e helpers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_moto() { # $1 = log file; prints "pid port"
  local port pid i
  port="$(free_port)"
  moto_server -H 127.0.0.1 -p "$port" >"$1" 2>&1 </dev/null &
  pid=$!
  for i in $(seq 1 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then echo "$pid $port"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  cat "$1" >&2
  return 1
}

# check "description" actual expected   (counts failures in FAILS; never stops the run half-way)
FAILS=0
check() {
  if [ "$2" = "$3" ]; then
    echo "  ok   $1"
  else
    echo "  FAIL $1: expected [$3], got [$2]"
    FAILS=$((FAILS + 1))
  fi
}

# The AWS CLI, through aws-cli-server.py (started below): the CLI's own code and output, without a second of CPU spent
# importing botocore for each of the ~270 calls.
awsl() {
  local fd rc
  exec {fd}<>"/dev/tcp/127.0.0.1/$AWS_CLI_PORT" || { echo "infra-test: the AWS CLI server is not answering" >&2; return 1; }
  { printf '%s\n' "$(($# + 4))"; printf '%s\0' --endpoint-url "$ENDPOINT" --output text "$@"; } >&"$fd"
  IFS= read -r rc <&"$fd"
  cat <&"$fd"
  exec {fd}>&-
  return "${rc:-1}"
}

check_bucket() { # $1 = bucket name
  local b="$1"
  check "$b: block_public_acls/ignore/block_policy/restrict" \
    "$(awsl s3api get-public-access-block --bucket "$b" --query 'PublicAccessBlockConfiguration.[BlockPublicAcls,IgnorePublicAcls,BlockPublicPolicy,RestrictPublicBuckets]' | tr '\t' ' ')" \
    "True True True True"
  check "$b: default encryption" \
    "$(awsl s3api get-bucket-encryption --bucket "$b" --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm')" "AES256"
  check "$b: versioning" "$(awsl s3api get-bucket-versioning --bucket "$b" --query Status)" "Enabled"
  check "$b: lifecycle aborts incomplete multipart uploads" \
    "$(awsl s3api get-bucket-lifecycle-configuration --bucket "$b" --query "Rules[?AbortIncompleteMultipartUpload].AbortIncompleteMultipartUpload.DaysAfterInitiation | [0]")" "7"
  check "$b: lifecycle expires noncurrent versions" \
    "$(awsl s3api get-bucket-lifecycle-configuration --bucket "$b" --query "Rules[?NoncurrentVersionExpiration].NoncurrentVersionExpiration.NoncurrentDays | [0]")" "30"
  check "$b: owner-enforced object ownership" \
    "$(awsl s3api get-bucket-ownership-controls --bucket "$b" --query 'OwnershipControls.Rules[0].ObjectOwnership')" "BucketOwnerEnforced"
}

check_function() { # $1 = function name, $2 = handler, $3 = env var that must be set, $4 = trigger bucket ("" = none),
  #                  $5 = number of alarms; the function zip is $STACK_FUNCTION_ZIP
  local fn="$1" handler="$2" env="$3" bucket="$4" alias_arn version
  check "$fn: runtime/handler/arch" \
    "$(awsl lambda get-function-configuration --function-name "$fn" --query '[Runtime,Handler,Architectures[0]]' | tr '\t' ' ')" \
    "java21 $handler arm64"
  check "$fn: X-Ray tracing" "$(awsl lambda get-function-configuration --function-name "$fn" --query TracingConfig.Mode)" "Active"
  check "$fn: one layer" "$(awsl lambda get-function-configuration --function-name "$fn" --query 'length(Layers)')" "1"
  check "$fn: \$$env set" "$(awsl lambda get-function-configuration --function-name "$fn" --query "Environment.Variables.$env != null")" "True"
  check "$fn: code hash = zip sha256" "$(awsl lambda get-function-configuration --function-name "$fn" --query CodeSha256)" \
    "$(openssl dgst -sha256 -binary "$STACK_FUNCTION_ZIP" | openssl base64 -A)"
  version="$(awsl lambda list-versions-by-function --function-name "$fn" --query 'Versions[?Version!=`$LATEST`].Version | [-1]')"
  check "$fn: alias live -> latest published version" \
    "$(awsl lambda get-alias --function-name "$fn" --name live --query FunctionVersion)" "$version"
  alias_arn="$(awsl lambda get-alias --function-name "$fn" --name live --query AliasArn)"
  check "$fn: log group retention" \
    "$(awsl logs describe-log-groups --log-group-name-prefix "/aws/lambda/$fn" --query 'logGroups[0].retentionInDays')" "1"
  check "$fn: on-failure destination is its DLQ" \
    "$(awsl lambda get-function-event-invoke-config --function-name "$fn" --qualifier live --query 'DestinationConfig.OnFailure.Destination')" \
    "arn:aws:sqs:us-east-1:123456789012:$fn-dlq"
  if [ -n "$bucket" ]; then
    check "$fn: S3 permission on alias with source_arn + source_account" \
      "$(awsl lambda get-policy --function-name "$fn" --qualifier live --query Policy |
        python3 -c 'import json,sys; s=json.load(sys.stdin)["Statement"][0]; c=s["Condition"]; print(s["Principal"]["Service"], c["ArnLike"]["AWS:SourceArn"], c["StringEquals"]["AWS:SourceAccount"])')" \
      "s3.amazonaws.com arn:aws:s3:::$bucket 123456789012"
    check "$bucket: notification -> $fn:live" \
      "$(awsl s3api get-bucket-notification-configuration --bucket "$bucket" --query 'LambdaFunctionConfigurations[0].[LambdaFunctionArn,Events[0]]' | tr '\t' ' ')" \
      "$alias_arn s3:ObjectCreated:*"
  fi
  check "$fn: alarms (errors, DLQ depth, throttles, duration, custom)" \
    "$(awsl cloudwatch describe-alarms --alarm-name-prefix "$fn-" --query 'length(MetricAlarms[?!contains(AlarmName, `-notifier-`)])')" "$5"
  check "$fn: IAM policy has no '*' action" \
    "$(awsl iam get-role-policy --role-name "$fn-role" --policy-name "$fn-least-privilege" --query PolicyDocument --output json |
      python3 -c 'import json,sys; d=json.load(sys.stdin); d=json.loads(d) if isinstance(d,str) else d; print(any(a=="*" or a.endswith(":*") for s in d["Statement"] for a in ([s["Action"]] if isinstance(s["Action"],str) else s["Action"])))')" \
    "False"
}

check_notifier() { # $1 = notifier function name, $2 = alert topic ARN, $3... = watched function names
  local n="$1" topic="$2" arn f
  shift 2
  arn="arn:aws:lambda:us-east-1:123456789012:function:$n"
  check "$n: runtime/handler" \
    "$(awsl lambda get-function-configuration --function-name "$n" --query '[Runtime,Handler]' | tr '\t' ' ')" \
    "java21 dev.sluice.notifier.ErrorNotifierHandler::handleRequest"
  check "$n: ALERT_* environment" \
    "$(awsl lambda get-function-configuration --function-name "$n" --query 'Environment.Variables.[ALERT_TOPIC_ARN,ALERT_DEDUP_TABLE,ALERT_WINDOW_SECONDS]' | tr '\t' ' ')" \
    "$topic $n-dedup 900"
  check "$n: code hash = notifier zip sha256" "$(awsl lambda get-function-configuration --function-name "$n" --query CodeSha256)" \
    "$(openssl dgst -sha256 -binary "$NOTIFIER_ZIP" | openssl base64 -A)"
  check "$n-dedup: key fingerprint (S)" \
    "$(awsl dynamodb describe-table --table-name "$n-dedup" --query '[Table.KeySchema[0].AttributeName,Table.AttributeDefinitions[0].AttributeType]' | tr '\t' ' ')" \
    "fingerprint S"
  check "$n-dedup: TTL on expires_at" \
    "$(awsl dynamodb describe-time-to-live --table-name "$n-dedup" --query 'TimeToLiveDescription.[TimeToLiveStatus,AttributeName]' | tr '\t' ' ')" \
    "ENABLED expires_at"
  check "$n: IAM policy = own logs, sns:Publish on the topic, dedup table only" \
    "$(awsl iam get-role-policy --role-name "$n-role" --policy-name "$n-least-privilege" --query PolicyDocument --output json |
      python3 -c 'import json,sys; d=json.load(sys.stdin); d=json.loads(d) if isinstance(d,str) else d; print(sorted(a for s in d["Statement"] for a in s["Action"] if not a.startswith(("logs:","kms:"))), [s["Resource"] for s in d["Statement"] if s["Sid"]=="PublishToAlertTopic"][0])')" \
    "['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'sns:Publish'] ['$topic']"
  for f in "$@"; do
    check "/aws/lambda/$f: ERROR subscription filter -> $n" \
      "$(awsl logs describe-subscription-filters --log-group-name "/aws/lambda/$f" --query 'subscriptionFilters[].[destinationArn,filterPattern]' | tr '\t' ' ' | cut -c1-200)" \
      "$arn { (\$.level = \"ERROR\") || (\$.level = \"FATAL\") || (\$.record.status = \"timeout\") || (\$.record.status = \"error\") }"
  done
  check "$n: logs.amazonaws.com may invoke it, per watched group" \
    "$(awsl lambda get-policy --function-name "$n" --query Policy |
      python3 -c 'import json,sys; p=json.load(sys.stdin); print(len(p["Statement"]), sorted({s["Principal"]["Service"] for s in p["Statement"]}))')" \
    "$# ['logs.amazonaws.com']"
}

stack_checks() { # $1 = stack; runs with ENDPOINT set and outputs in $2 (json file)
  local out="$2" p
  p="sluice-local"
  case "$1" in
    csv-filter)
      check "output source_bucket" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source_bucket"]["value"])' "$out")" "$p-source"
      for b in "$p-source" "$p-filtered" "$p-artifacts"; do check_bucket "$b"; done
      check_function "$p-csv-filter" "dev.sluice.lambda.filter.FilterS3Handler::handleRequest" DESTINATION_BUCKET "$p-source" 5
      check_notifier "$p-csv-filter-notifier" "arn:aws:sns:us-east-1:123456789012:$p-csv-filter-alarms" "$p-csv-filter"
      check "$p-csv-filter: notification suffixes" \
        "$(awsl s3api get-bucket-notification-configuration --bucket "$p-source" --query 'LambdaFunctionConfigurations[].Filter.Key.FilterRules[?Name==`Suffix` || Name==`suffix`].Value[]' | tr '\t' ' ')" \
        ".csv .CSV"  # moto spells the rule name in lower case, AWS capitalises it
      check "layer zip stored in the artifacts bucket" \
        "$(awsl s3api list-objects-v2 --bucket "$p-artifacts" --prefix layers/ --query 'length(Contents)')" "1"
      ;;
    file-metadata)
      check "output metadata_bucket" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["metadata_bucket"]["value"])' "$out")" "$p-metadata"
      for b in "$p-uploads" "$p-metadata" "$p-meta-artifacts"; do check_bucket "$b"; done
      check_function "$p-file-metadata" "dev.sluice.lambda.metadata.FileMetadataHandler::handleRequest" METADATA_BUCKET "$p-uploads" 5
      check_notifier "$p-file-metadata-notifier" "arn:aws:sns:us-east-1:123456789012:$p-file-metadata-alarms" "$p-file-metadata"
      ;;
    csv-to-dynamodb)
      check "output table_name" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["table_name"]["value"])' "$out")" "$p-customers"
      for b in "$p-dynamodb-source" "$p-errors" "$p-ddb-artifacts"; do check_bucket "$b"; done
      check_function "$p-csv-to-dynamodb" "dev.sluice.lambda.dynamodb.DynamoDbLoaderHandler::handleRequest" TABLE_NAME "$p-dynamodb-source" 6
      check_notifier "$p-csv-to-dynamodb-notifier" "arn:aws:sns:us-east-1:123456789012:$p-csv-to-dynamodb-alarms" "$p-csv-to-dynamodb"
      check "table: on-demand, key customer_id" \
        "$(awsl dynamodb describe-table --table-name "$p-customers" --query '[Table.BillingModeSummary.BillingMode,Table.KeySchema[0].AttributeName]' | tr '\t' ' ')" \
        "PAY_PER_REQUEST customer_id"
      check "table: SSE enabled" "$(awsl dynamodb describe-table --table-name "$p-customers" --query 'Table.SSEDescription.Status')" "ENABLED"
      check "table: point-in-time recovery" \
        "$(awsl dynamodb describe-continuous-backups --table-name "$p-customers" --query 'ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus')" "ENABLED"
      ;;
    totesys-etl)
      local topic="arn:aws:sns:us-east-1:123456789012:$p-totesys-etl-alarms" b
      check "output ingestion_bucket" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ingestion_bucket"]["value"])' "$out")" "$p-ingestion"
      for b in "$p-ingestion" "$p-processed" "$p-etl-artifacts"; do check_bucket "$b"; done
      check_function "$p-totesys-extract" "dev.sluice.etl.extract.ExtractHandler::handleRequest" TOTESYS_SECRET_ID "" 6
      check_function "$p-totesys-transform" "dev.sluice.etl.transform.TransformHandler::handleRequest" PROCESSED_BUCKET "$p-ingestion" 5
      check_function "$p-totesys-load" "dev.sluice.etl.load.LoadHandler::handleRequest" WAREHOUSE_SECRET_ID "$p-processed" 7
      check_notifier "$p-totesys-notifier" "$topic" "$p-totesys-extract" "$p-totesys-transform" "$p-totesys-load"
      check "missing data breaches only the extract heartbeat and the warehouse freshness" \
        "$(awsl cloudwatch describe-alarms --alarm-name-prefix "$p-totesys-" --query 'sort_by(MetricAlarms[?TreatMissingData==`breaching`], &AlarmName)[].[AlarmName,MetricName]' | tr '\t\n' '  ')" \
        "$p-totesys-extract-extract-heartbeat ExtractRuns $p-totesys-load-warehouse-freshness WarehouseFreshnessSeconds "
      check "extract and load are in the VPC (two subnets)" \
        "$(awsl lambda get-function-configuration --function-name "$p-totesys-load" --query 'length(VpcConfig.SubnetIds)') $(awsl lambda get-function-configuration --function-name "$p-totesys-extract" --query 'length(VpcConfig.SubnetIds)')" "2 2"
      check "VPC endpoints: S3 gateway on the route table, Secrets Manager interface with private DNS" \
        "$(awsl ec2 describe-vpc-endpoints --query 'sort_by(VpcEndpoints, &ServiceName)[].[ServiceName,VpcEndpointType,join(`,`, RouteTableIds),PrivateDnsEnabled]' | tr '\t\n' '  ')" \
        "com.amazonaws.us-east-1.s3 Gateway $TEST_RTB False com.amazonaws.us-east-1.secretsmanager Interface  True "
      check "Glue catalog: 11 star-schema tables over processed/, partitioned by batch" \
        "$(awsl glue get-tables --database-name sluice_local_totesys --query 'length(TableList)') $(awsl glue get-table --database-name sluice_local_totesys --name fact_payment --query 'Table.[StorageDescriptor.Location,PartitionKeys[0].Name]' | tr '\t' ' ')" \
        "11 s3://$p-processed/processed/fact_payment/ batch"
      # S3 triggers fire only for batch manifests, never for the data files or the state next to them.
      check "$p-ingestion: notification filter = manifest prefix + .json" \
        "$(awsl s3api get-bucket-notification-configuration --bucket "$p-ingestion" --query 'LambdaFunctionConfigurations[0].Filter.Key.FilterRules[].[Name,Value]' | tr '\t\n' '  ' | tr '[:upper:]' '[:lower:]')" \
        "prefix ingestion/_batches/ suffix .json "
      check "$p-processed: notification filter = manifest prefix + .json" \
        "$(awsl s3api get-bucket-notification-configuration --bucket "$p-processed" --query 'LambdaFunctionConfigurations[0].Filter.Key.FilterRules[].[Name,Value]' | tr '\t\n' '  ' | tr '[:upper:]' '[:lower:]')" \
        "prefix processed/_batches/ suffix .json "
      check "schedule: rate, extract alias, role, no flexible window" \
        "$(awsl scheduler get-schedule --name "$p-totesys-extract" --query '[ScheduleExpression,Target.Arn,Target.RoleArn,FlexibleTimeWindow.Mode]' | tr '\t' ' ')" \
        "rate(5 minutes) $(awsl lambda get-alias --function-name "$p-totesys-extract" --name live --query AliasArn) arn:aws:iam::123456789012:role/$p-totesys-extract-schedule OFF"
      for b in totesys warehouse; do
        check "secret $p/$b exists" "$(awsl secretsmanager describe-secret --secret-id "$p/$b" --query Name)" "$p/$b"
        # Values are set outside Terraform, so the secret has no version (and the state holds no password).
        check "secret $p/$b has no value" \
          "$(awsl secretsmanager list-secret-version-ids --secret-id "$p/$b" --query 'length(Versions)')" "0"
      done
      check "one alarm topic in the emulator" "$(awsl sns list-topics --query 'Topics[].TopicArn' | tr '\t' ' ')" "$topic"
      check "output alarm_topic_arn" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["alarm_topic_arn"]["value"])' "$out")" "$topic"
      check "alarm topic KMS-encrypted with the stack key" \
        "$(awsl sns get-topic-attributes --topic-arn "$topic" --query Attributes.KmsMasterKeyId)" \
        "$(awsl kms describe-key --key-id "alias/$p-totesys-etl-alarms" --query KeyMetadata.Arn)"
      check "all 19 alarms (3 functions x errors/DLQ/throttles/duration/failures, heartbeat, lag, freshness, notifier) act on the one topic only" \
        "$(awsl cloudwatch describe-alarms --alarm-name-prefix "$p-totesys-" --output json --query 'MetricAlarms[].[AlarmActions,OKActions]' |
          python3 -c 'import json,sys; a=json.load(sys.stdin); print(len(a), sorted({t for al in a for acts in al for t in acts}))')" \
        "19 ['$topic']"
      ;;
  esac
}

leftovers() { # prints what is left in the emulator after destroy
  {
    awsl s3api list-buckets --query 'Buckets[].Name'
    awsl lambda list-functions --query 'Functions[].FunctionName'
    awsl sqs list-queues --query 'QueueUrls[]'
    awsl iam list-roles --query 'Roles[].RoleName'
    awsl dynamodb list-tables --query 'TableNames[]'
    awsl sns list-topics --query 'Topics[].TopicArn'
    awsl cloudwatch describe-alarms --query 'MetricAlarms[].AlarmName'
    awsl logs describe-log-groups --query 'logGroups[].logGroupName'
    awsl secretsmanager list-secrets --query 'SecretList[].Name'
    awsl scheduler list-schedules --query 'Schedules[].Name'
    awsl kms list-aliases --query 'Aliases[?!starts_with(AliasName, `alias/aws/`)].AliasName'
    awsl ec2 describe-vpc-endpoints --query 'VpcEndpoints[?State!=`deleted`].VpcEndpointId' # moto, like AWS, lists deleted endpoints for a while
    awsl glue get-databases --query 'DatabaseList[].Name'
  } | tr '\t' '\n' | grep -v '^None$' | grep -v '^$' || true
}

run_stack() { # $1 = stack; all output to $WORK/<stack>.log; summary line in $WORK/<stack>.result
  local stack="$1" dir="$WORK/e2e/stacks/$1" pid port t n apply_s plan_s destroy_s rc=0
  read -r pid port < <(start_moto "$WORK/$stack-moto.log") || { echo "moto_server did not start"; return 1; }
  echo "$pid" >"$WORK/$stack.moto.pid"
  ENDPOINT="http://127.0.0.1:$port"
  echo "moto_server pid $pid on $ENDPOINT"
  STACK_FUNCTION_ZIP="$FUNCTION_ZIP"
  local stack_layer_zip="$LAYER_ZIP"
  if [ "$stack" = totesys-etl ]; then STACK_FUNCTION_ZIP="$ETL_FUNCTION_ZIP" stack_layer_zip="$ETL_LAYER_ZIP"; fi
  local vars=(-var-file=local.tfvars -var "aws_endpoint=$ENDPOINT" -var "function_zip=$STACK_FUNCTION_ZIP" -var "layer_zip=$stack_layer_zip"
    -var "notifier_zip=$NOTIFIER_ZIP")
  if [ "$stack" = totesys-etl ]; then
    # A VPC for the extract and load, made outside Terraform as a real one would be: the stack adds the S3 gateway
    # and Secrets Manager interface endpoints to it. The Glue catalog is on; QuickSight is not (moto cannot model it:
    # the terraform tests cover it in plan mode).
    local vpc sn1 sn2 sg
    # One boto3 process instead of five CLI calls (each AWS CLI start costs ~1 s of CPU, far more on a busy machine).
    read -r vpc sn1 sn2 sg TEST_RTB < <(python3 - "$ENDPOINT" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1")
vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.42.{i}.0/24", AvailabilityZone=f"us-east-1{az}")["Subnet"]["SubnetId"]
           for i, az in ((1, "a"), (2, "b"))]
sg = ec2.create_security_group(VpcId=vpc, GroupName="sluice-local-etl-fn", Description="ETL functions")["GroupId"]
rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
print(vpc, *subnets, sg, rtb)
PY
    ) || { echo "could not create the test VPC in moto"; return 1; }
    vars+=(-var "vpc_config={subnet_ids=[\"$sn1\",\"$sn2\"],security_group_ids=[\"$sg\"]}"
      -var "vpc_endpoints={vpc_id=\"$vpc\",route_table_ids=[\"$TEST_RTB\"]}" -var glue_catalog=true)
  fi
  cd "$dir"

  terraform init -lockfile=readonly -no-color >/dev/null || { echo "terraform init failed"; return 1; }
  t=$SECONDS
  terraform apply -auto-approve -no-color "${vars[@]}" || { echo "apply failed"; rc=1; }
  apply_s=$((SECONDS - t))
  n="$(terraform state list | grep -vc '^data\.\|\.data\.' || true)"

  if [ $rc = 0 ]; then
    terraform output -json >"$WORK/$stack.outputs.json"
    stack_checks "$stack" "$WORK/$stack.outputs.json"
  fi
  # A second plan must be empty (no perpetual diff). csv-filter and csv-to-dynamodb together use every module;
  # file-metadata reuses the same ones, so its plan is skipped to save ~50 s of provider CPU.
  if [ $rc = 0 ] && [ "$stack" != file-metadata ]; then
    t=$SECONDS
    local prc=0
    terraform plan -detailed-exitcode -no-color "${vars[@]}" >"$WORK/$stack.plan2.log" 2>&1 || prc=$?
    plan_s=$((SECONDS - t))
    check "second plan is empty (exit code 0)" "$prc" "0"
    [ "$prc" = 0 ] || cat "$WORK/$stack.plan2.log"
  fi

  if [ $rc = 0 ] && [ "$stack" = csv-filter ]; then
    # scripts/update-code: new code without Terraform -> published version 2, alias moved (after the plan check).
    "$ROOT/scripts/update-code" sluice-local-csv-filter --no-build --endpoint-url "$ENDPOINT" --region us-east-1
    check "update-code moved alias live to version 2" \
      "$(awsl lambda get-alias --function-name sluice-local-csv-filter --name live --query FunctionVersion)" "2"
  fi
  if [ $rc = 0 ] && [ "$stack" = totesys-etl ]; then
    # update-code picks the ETL zip from the deployed handler (never the filter's zip).
    "$ROOT/scripts/update-code" sluice-local-totesys-load --no-build --endpoint-url "$ENDPOINT" --region us-east-1
    check "update-code shipped the ETL zip to the load" \
      "$(awsl lambda get-function-configuration --function-name sluice-local-totesys-load --qualifier live --query CodeSha256)" \
      "$(openssl dgst -sha256 -binary "$ETL_FUNCTION_ZIP" | openssl base64 -A)"
  fi

  t=$SECONDS
  # No refresh: the checks above just read every resource, and the state is what destroy must remove.
  terraform destroy -auto-approve -refresh=false -no-color "${vars[@]}" || { echo "destroy failed"; rc=1; }
  destroy_s=$((SECONDS - t))
  check "nothing left in the emulator after destroy" "$(leftovers | tr '\n' ' ')" ""
  check "state empty after destroy" "$(terraform state list | wc -l | tr -d ' ')" "0"
  [ "$FAILS" = 0 ] || rc=1

  echo "$stack: $n resources, apply ${apply_s}s, plan ${plan_s:-skipped (same modules as csv-filter)}${plan_s:+s}, destroy ${destroy_s}s, $([ $rc = 0 ] && echo PASS || echo FAIL)" >"$WORK/$stack.result"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return $rc
}

# ------------------------------------------------------------------------------------------------ e2e
python3 "$INFRA/test/aws-cli-server.py" "$WORK/aws-cli.port" 2>"$WORK/aws-cli-server.log" </dev/null &
echo $! >"$WORK/aws-cli-server.pid"
for _ in $(seq 1 100); do [ -s "$WORK/aws-cli.port" ] && break; sleep 0.1; done
[ -s "$WORK/aws-cli.port" ] || { cat "$WORK/aws-cli-server.log" >&2; fail "the AWS CLI server did not start"; }
AWS_CLI_PORT="$(cat "$WORK/aws-cli.port")"
export AWS_CLI_PORT

log "end-to-end against moto_server: ${stacks[*]} (in parallel, in the background; logs in $WORK)"
t0=$SECONDS
jobs_pids=()
for s in "${stacks[@]}"; do
  [ -d "$WORK/e2e/stacks/$s" ] || fail "no such stack: $s"
  ( trap 'p=$(cat "$WORK/$s.moto.pid" 2>/dev/null) && kill "$p" 2>/dev/null; true' EXIT; run_stack "$s" ) >"$WORK/$s.log" 2>&1 &
  jobs_pids+=($!)
done
# The applies spend most of their time in the provider's consistency waits (S3 lifecycle ~55 s, SQS ~25 s per
# queue), so the static checks run meanwhile. All four stacks at once on a quiet 2-core machine: 331 s in total,
# each apply 133-146 s and destroy 30-59 s (see docs/deploy.md), so running them in smaller groups would only add time.
static_status=0
run_static || static_status=1
status=0
for i in "${!stacks[@]}"; do
  s="${stacks[$i]}"
  if wait "${jobs_pids[$i]}"; then :; else status=1; fi
  grep -E '^  (ok|FAIL) ' "$WORK/$s.log" | sed "s/^/[$s]/" || true
  if [ -s "$WORK/$s.result" ]; then log "$(cat "$WORK/$s.result")"; else log "$s: FAIL (no result)"; fi
  if ! grep -q PASS "$WORK/$s.result" 2>/dev/null; then
    status=1
    echo "---- $s log (last 80 lines) ----" >&2
    tail -n 80 "$WORK/$s.log" >&2
  fi
done
log "end-to-end (with the static checks alongside): $((SECONDS - t0)) s"
[ $static_status = 0 ] || fail "static checks (fmt/validate/test)"
[ $status = 0 ] || fail "end-to-end"
log "PASS (total $SECONDS s)"
