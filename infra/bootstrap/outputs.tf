output "plan_role_arn" {
  description = "Repository variable AWS_PLAN_ROLE_ARN."
  value       = aws_iam_role.deploy["plan"].arn
}

output "apply_role_arn" {
  description = "Repository variable AWS_APPLY_ROLE_ARN (assumable only from the production environment)."
  value       = aws_iam_role.deploy["apply"].arn
}

output "security" {
  description = "Trust and permissions as planned (tests assert on them)."
  value = {
    trust    = local.trust
    policies = local.policies
  }
}
