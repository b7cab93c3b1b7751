# One-time account setup for GitHub Actions deployments (issue 12): the GitHub OIDC provider and two roles.
#   plan  role: read-only (refresh + plan, state read, the S3 lock file); pull requests and main may assume it.
#   apply role: manages the stacks' resources (by name prefix); only jobs in the protected `production` environment
#               (required reviewers) may assume it.
# Applied by an administrator with their own credentials; the roles cannot modify themselves (their names do not
# start with the stacks' name_prefix, which the apply policy's IAM statement is limited to).
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  oidc_host  = "token.actions.githubusercontent.com"
  oidc_arn   = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.oidc_host}"

  template_vars = {
    partition    = local.partition
    region       = var.region
    account      = local.account_id
    prefix       = var.name_prefix
    glue_prefix  = replace(var.name_prefix, "-", "_")
    state_bucket = var.state_bucket
  }

  # Subjects GitHub puts in the token (docs: "About security hardening with OpenID Connect").
  plan_subjects  = ["repo:${var.github_repository}:pull_request", "repo:${var.github_repository}:ref:refs/heads/main"]
  apply_subjects = ["repo:${var.github_repository}:environment:${var.production_environment}"]

  trust = { for role, subjects in { plan = local.plan_subjects, apply = local.apply_subjects } : role => {
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GitHubActions${title(role)}"
      Effect    = "Allow"
      Principal = { Federated = local.oidc_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_host}:aud" = "sts.amazonaws.com"
          "${local.oidc_host}:sub" = subjects # exact subjects: no wildcard, so no other branch, fork or environment
        }
      }
    }]
  } }

  policies = {
    plan  = jsondecode(templatefile("${path.module}/policies/plan.json.tftpl", local.template_vars))
    apply = jsondecode(templatefile("${path.module}/policies/apply.json.tftpl", local.template_vars))
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "deploy" {
  for_each = local.trust

  name                 = "sluice-github-${each.key}"
  description          = each.key == "plan" ? "Read-only Terraform plan for pull requests and main." : "Terraform apply, only from the protected ${var.production_environment} environment."
  assume_role_policy   = jsonencode(each.value)
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "deploy" {
  for_each = local.policies

  name   = "sluice-${each.key}"
  role   = aws_iam_role.deploy[each.key].id
  policy = jsonencode(each.value)
}
