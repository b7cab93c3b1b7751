# Issue 13: optional query access to the star schema, both off by default.
#
# 1. Glue Data Catalog (var.glue_catalog): one database and one external table per star-schema table over the
#    Parquet the transform writes, partitioned as written: processed/<table>/batch=<batch id>/<table>.parquet
#    (sluice-etl ProcessedStore.tableKey). Column types follow sluice-etl's WarehouseTable/ColumnType:
#    INT -> int, TEXT -> string, DATE -> date, MONEY_10_2/12_2 -> decimal(10,2)/(12,2), BOOLEAN -> boolean, and
#    TIME (Parquet TIME(MICROS), which Athena has no type for) -> bigint, microseconds since midnight.
#    Each batch holds the rows that changed in it, so a dimension's history is the union of its batches.
# 2. QuickSight (var.quicksight): a PostgreSQL data source over the warehouse (credentials from the warehouse
#    secret) and a direct-query dataset over fact_sales_order.
locals {
  athena_types = {
    INT        = "int"
    TEXT       = "string"
    DATE       = "date"
    TIME       = "bigint"
    MONEY_10_2 = "decimal(10,2)"
    MONEY_12_2 = "decimal(12,2)"
    BOOLEAN    = "boolean"
  }

  # table => [[column, sluice-etl ColumnType]], in WarehouseTable's order (the Parquet schema's order).
  star_schema = {
    dim_date = [["date_id", "DATE"], ["year", "INT"], ["month", "INT"], ["day", "INT"], ["day_of_week", "INT"],
    ["day_name", "TEXT"], ["month_name", "TEXT"], ["quarter", "INT"]]
    dim_staff = [["staff_id", "INT"], ["first_name", "TEXT"], ["last_name", "TEXT"], ["department_name", "TEXT"],
    ["location", "TEXT"], ["email_address", "TEXT"]]
    dim_location = [["location_id", "INT"], ["address_line_1", "TEXT"], ["address_line_2", "TEXT"], ["district", "TEXT"],
    ["city", "TEXT"], ["postal_code", "TEXT"], ["country", "TEXT"], ["phone", "TEXT"]]
    dim_currency = [["currency_id", "INT"], ["currency_code", "TEXT"], ["currency_name", "TEXT"]]
    dim_design   = [["design_id", "INT"], ["design_name", "TEXT"], ["file_location", "TEXT"], ["file_name", "TEXT"]]
    dim_counterparty = [["counterparty_id", "INT"], ["counterparty_legal_name", "TEXT"],
      ["counterparty_legal_address_line_1", "TEXT"], ["counterparty_legal_address_line_2", "TEXT"],
      ["counterparty_legal_district", "TEXT"], ["counterparty_legal_city", "TEXT"],
    ["counterparty_legal_postal_code", "TEXT"], ["counterparty_legal_country", "TEXT"], ["counterparty_legal_phone_number", "TEXT"]]
    dim_transaction  = [["transaction_id", "INT"], ["transaction_type", "TEXT"], ["sales_order_id", "INT"], ["purchase_order_id", "INT"]]
    dim_payment_type = [["payment_type_id", "INT"], ["payment_type_name", "TEXT"]]
    fact_sales_order = [["sales_order_id", "INT"], ["created_date", "DATE"], ["created_time", "TIME"],
      ["last_updated_date", "DATE"], ["last_updated_time", "TIME"], ["sales_staff_id", "INT"], ["counterparty_id", "INT"],
      ["units_sold", "INT"], ["unit_price", "MONEY_10_2"], ["currency_id", "INT"], ["design_id", "INT"],
    ["agreed_payment_date", "DATE"], ["agreed_delivery_date", "DATE"], ["agreed_delivery_location_id", "INT"]]
    fact_purchase_order = [["purchase_order_id", "INT"], ["created_date", "DATE"], ["created_time", "TIME"],
      ["last_updated_date", "DATE"], ["last_updated_time", "TIME"], ["staff_id", "INT"], ["counterparty_id", "INT"],
      ["item_code", "TEXT"], ["item_quantity", "INT"], ["item_unit_price", "MONEY_10_2"], ["currency_id", "INT"],
    ["agreed_delivery_date", "DATE"], ["agreed_payment_date", "DATE"], ["agreed_delivery_location_id", "INT"]]
    fact_payment = [["payment_id", "INT"], ["created_date", "DATE"], ["created_time", "TIME"],
      ["last_updated_date", "DATE"], ["last_updated_time", "TIME"], ["transaction_id", "INT"], ["counterparty_id", "INT"],
      ["payment_amount", "MONEY_12_2"], ["currency_id", "INT"], ["payment_type_id", "INT"], ["paid", "BOOLEAN"],
    ["payment_date", "DATE"]]
  }

  glue_database = replace("${var.name_prefix}_totesys", "-", "_") # Athena names: no '-'
}

resource "aws_glue_catalog_database" "totesys" {
  count = var.glue_catalog ? 1 : 0

  name        = local.glue_database
  description = "Totesys star schema as Parquet in s3://${module.processed_bucket.id}/${local.processed_prefix} (Sluice ETL)."

  # moto 5.2.1 keeps no tags on Glue databases, so the provider's default_tags would show as a change on every plan.
  # On AWS this only means a later change of default_tags does not reach this one database.
  lifecycle {
    ignore_changes = [tags_all]
  }
}

resource "aws_glue_catalog_table" "star" {
  for_each = var.glue_catalog ? local.star_schema : {}

  database_name = aws_glue_catalog_database.totesys[0].name
  name          = each.key
  description   = "sluice-etl ${each.key}: one partition per transformed batch (load new ones with MSCK REPAIR TABLE)."
  table_type    = "EXTERNAL_TABLE"
  parameters = {
    EXTERNAL       = "TRUE"
    classification = "parquet"
  }

  partition_keys {
    name    = "batch"
    type    = "string"
    comment = "Ingestion batch id (the key's batch=<id> folder)."
  }

  storage_descriptor {
    location      = "s3://${module.processed_bucket.id}/${local.processed_prefix}${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = each.value
      content {
        name    = columns.value[0]
        type    = local.athena_types[columns.value[1]]
        comment = columns.value[1] == "TIME" ? "microseconds since midnight (Parquet TIME)" : null
      }
    }
  }
}

resource "aws_quicksight_data_source" "warehouse" {
  count = var.quicksight == null ? 0 : 1

  data_source_id = "${var.name_prefix}-warehouse"
  name           = "${var.name_prefix} Totesys warehouse"
  type           = "POSTGRESQL"

  parameters {
    postgresql {
      host     = var.quicksight.warehouse_host
      port     = var.quicksight.warehouse_port
      database = var.quicksight.warehouse_database
    }
  }

  # QuickSight reads the same secret as the load; grant its service role access to it (docs/deploy.md).
  credentials {
    secret_arn = aws_secretsmanager_secret.warehouse.arn
  }

  ssl_properties {
    disable_ssl = false
  }

  dynamic "vpc_connection_properties" {
    for_each = var.quicksight.vpc_connection_arn == null ? [] : [1]
    content {
      vpc_connection_arn = var.quicksight.vpc_connection_arn
    }
  }

  permission {
    principal = var.quicksight.principal_arn
    actions = ["quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource",
    "quicksight:UpdateDataSource", "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions"]
  }
}

resource "aws_quicksight_data_set" "sales" {
  count = var.quicksight == null ? 0 : 1

  data_set_id = "${var.name_prefix}-fact-sales-order"
  name        = "${var.name_prefix} sales orders"
  import_mode = "DIRECT_QUERY" # always the warehouse's current state, no SPICE refresh to schedule

  physical_table_map {
    physical_table_map_id = "fact-sales-order"
    relational_table {
      data_source_arn = aws_quicksight_data_source.warehouse[0].arn
      schema          = "public"
      name            = "fact_sales_order"

      dynamic "input_columns" {
        for_each = local.star_schema.fact_sales_order
        content {
          name = input_columns.value[0]
          type = lookup({ INT = "INTEGER", TEXT = "STRING", DATE = "DATETIME", TIME = "STRING", MONEY_10_2 = "DECIMAL", MONEY_12_2 = "DECIMAL", BOOLEAN = "BIT" }, input_columns.value[1])
        }
      }
    }
  }

  permissions {
    principal = var.quicksight.principal_arn
    actions = ["quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:PassDataSet",
      "quicksight:DescribeIngestion", "quicksight:ListIngestions", "quicksight:UpdateDataSet", "quicksight:DeleteDataSet",
    "quicksight:CreateIngestion", "quicksight:CancelIngestion", "quicksight:UpdateDataSetPermissions"]
  }
}
