# Local emulator (moto_server) only; infra/test/run.sh passes -var aws_endpoint=http://127.0.0.1:<port>.
# moto evaluates bucket policies without their conditions (a TLS-only Deny would deny everything), hence false here.
region                = "us-east-1"
name_prefix           = "sluice-local"
enforce_tls_policy    = false
force_destroy_buckets = true
log_retention_days    = 1
