# VPC reachability of the extract and load (issue 12): inside a VPC a Lambda function has no internet route, so
# without these endpoints (or a NAT gateway) it cannot reach S3 or Secrets Manager and times out at its first call.
# Only with vpc_config and vpc_endpoints set.
locals {
  endpoints_enabled = var.vpc_config != null && var.vpc_endpoints != null
  # Interface endpoints the functions call: Secrets Manager always, KMS when the data buckets use SSE-KMS.
  interface_services = local.endpoints_enabled ? toset(concat(["secretsmanager"], var.kms_key_arn == null ? [] : ["kms"])) : toset([])
}

# S3 gateway endpoint: free, a route in the given route tables; traffic to S3 in this region stays in AWS.
resource "aws_vpc_endpoint" "s3" {
  count = local.endpoints_enabled ? 1 : 0

  vpc_id            = var.vpc_endpoints.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.vpc_endpoints.route_table_ids
  tags              = { Name = "${var.name_prefix}-totesys-s3" }
}

# The interface endpoints accept HTTPS only from the functions' security groups.
resource "aws_security_group" "endpoints" {
  count = local.endpoints_enabled ? 1 : 0

  name        = "${var.name_prefix}-totesys-endpoints"
  description = "HTTPS from the Totesys ETL functions to the VPC interface endpoints."
  vpc_id      = var.vpc_endpoints.vpc_id
  tags        = { Name = "${var.name_prefix}-totesys-endpoints" }
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  for_each = local.endpoints_enabled ? toset(var.vpc_config.security_group_ids) : toset([])

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the functions' security group ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = each.value

  # Both are functions of the for_each key, so ignoring them hides no real change. moto 5.2.1 stores neither as sent
  # (no description; "<account>/<sg-id>" as the reference): without this the emulator's second plan is never empty.
  lifecycle {
    ignore_changes = [description, referenced_security_group_id]
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each = local.interface_services

  vpc_id              = var.vpc_endpoints.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.vpc_config.subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true # the SDK's default endpoint name resolves to the endpoint's private addresses
  tags                = { Name = "${var.name_prefix}-totesys-${each.key}" }
}
