# Plan-only tests of the deploy roles: who may assume which role, and that the plan role cannot change anything.
# Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan

  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }

  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }

  mock_resource "aws_iam_openid_connect_provider" {
    defaults = { arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
  }
}

variables {
  region            = "eu-west-1"
  github_repository = "example/sluice"
  name_prefix       = "sluice-prod"
  state_bucket      = "tf-state-123456789012"
}

run "apply_role_only_from_the_production_environment" {
  command = plan

  assert {
    condition = (
      output.security.trust.apply.Statement[0].Condition == {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = ["repo:example/sluice:environment:production"]
        }
      } &&
      output.security.trust.apply.Statement[0].Principal.Federated == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" &&
      output.security.trust.apply.Statement[0].Action == "sts:AssumeRoleWithWebIdentity"
    )
    error_message = "Only jobs of the protected production environment of this repository may assume the apply role."
  }

  assert {
    condition     = length(keys(output.security.trust.apply.Statement[0].Condition)) == 1
    error_message = "No StringLike (wildcard) subject in the apply role's trust."
  }
}

run "plan_role_for_pull_requests_and_main" {
  command = plan

  assert {
    condition = output.security.trust.plan.Statement[0].Condition.StringEquals == {
      "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
      "token.actions.githubusercontent.com:sub" = ["repo:example/sluice:pull_request", "repo:example/sluice:ref:refs/heads/main"]
    }
    error_message = "Pull requests and main may assume the plan role, nothing else."
  }

  assert {
    condition     = !contains(output.security.trust.plan.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"], "repo:example/sluice:environment:production")
    error_message = "The roles are split: production jobs use the apply role."
  }
}

run "plan_role_is_read_only" {
  command = plan

  assert {
    condition = alltrue(flatten([for s in output.security.policies.plan.Statement : [
      for a in s.Action : can(regex("^[a-z0-9]+:(Get|List|Describe)", a)) ||
      (contains(["s3:PutObject", "s3:DeleteObject"], a) && s.Resource == ["arn:aws:s3:::tf-state-123456789012/sluice/*.tflock"])
    ]]))
    error_message = "The plan role may only read (Get/List/Describe), plus write the state lock file."
  }

  assert {
    condition     = !contains(flatten([for s in output.security.policies.plan.Statement : s.Action]), "secretsmanager:GetSecretValue")
    error_message = "The plan role never reads secret values."
  }
}

run "apply_role_is_scoped_to_the_stacks" {
  command = plan

  assert {
    condition = alltrue([for r in one([for s in output.security.policies.apply.Statement : s.Resource if s.Sid == "ManageStackResourcesByName"]) :
    strcontains(r, "sluice-prod") || strcontains(r, "sluice_prod") || endswith(r, ":catalog")])
    error_message = "Resource management is limited to names with the stacks' prefix."
  }

  assert {
    condition = one([for s in output.security.policies.apply.Statement : s.Condition if s.Sid == "PassStackRolesToLambdaAndSchedulerOnly"]) == {
      StringEquals = { "iam:PassedToService" = ["lambda.amazonaws.com", "scheduler.amazonaws.com"] }
    }
    error_message = "The apply role passes only the stacks' roles, only to Lambda and Scheduler."
  }

  assert {
    condition     = one([for s in output.security.policies.apply.Statement : s.Resource if s.Sid == "ManageStackRolesOnly"]) == ["arn:aws:iam::123456789012:role/sluice-prod-*"]
    error_message = "The apply role manages only the stacks' roles (never its own sluice-github-* roles)."
  }
}
