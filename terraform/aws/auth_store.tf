# Gateway keys and/or the budget / rate-limit ledger in DynamoDB (auth_store / auth_ledger =
# dynamodb, i.e. switchboard.auth.store / .ledger): one table, string keys pk/sk, rows expiring through the TTL attribute "expires".
# See README, "Gateway keys".

variable "auth_store" {
  description = "Where gateway keys live with auth_mode = \"keys\": \"config\" (entries in the provider-keys secret; admin API read-only) or \"dynamodb\" (the table below; keys made through the admin API, none in the secret but admin-key-hash)."
  type        = string
  default     = "config"

  validation {
    condition     = contains(["config", "dynamodb"], var.auth_store)
    error_message = "auth_store must be \"config\" or \"dynamodb\"."
  }
}

locals {
  auth_table      = var.auth_store == "dynamodb" || var.auth_ledger == "dynamodb"
  auth_table_name = "${var.function_name}-auth"

  # main.tf sets SWITCHBOARD_AUTH_LEDGER for redis only; the native store is set here.
  auth_store_environment = merge(
    var.auth_store == "dynamodb" ? { SWITCHBOARD_AUTH_STORE = "dynamodb" } : {},
    var.auth_ledger == "dynamodb" ? { SWITCHBOARD_AUTH_LEDGER = "dynamodb" } : {},
    local.auth_table ? { SWITCHBOARD_AUTH_DYNAMODB_TABLE = local.auth_table_name } : {},
  )
}

resource "aws_dynamodb_table" "auth" {
  count = local.auth_table ? 1 : 0

  name = local.auth_table_name
  # On demand: a gateway's traffic is bursty, and every admitted call is a handful of writes.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  # MINUTE rows expire a minute after their window, DAY/MONTH rows after the usage retention;
  # the ledger never relies on deletion (the window start is part of each row's key).
  ttl {
    attribute_name = "expires"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  # KMS encryption at rest with the AWS managed key (aws/dynamodb): the role needs no KMS grant.
  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = true
}

data "aws_iam_policy_document" "auth_store" {
  dynamic "statement" {
    for_each = aws_dynamodb_table.auth[*].arn
    content {
      sid    = "ReadWriteGatewayKeysAndLedger"
      effect = "Allow"
      # What the code calls: GetItem/Query (keys, usage, limit states), PutItem (keys, alerts),
      # UpdateItem (settle; a TransactWriteItems of Updates is authorized as UpdateItem), DeleteItem (keys).
      actions = [
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
      ]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "auth_store" {
  count = local.auth_table ? 1 : 0

  name   = "${var.function_name}-auth-store"
  role   = aws_iam_role.exec.id
  policy = data.aws_iam_policy_document.auth_store.json
}

output "auth_table_name" {
  description = "DynamoDB table of gateway keys and the ledger (null unless auth_store or auth_ledger is dynamodb)."
  value       = one(aws_dynamodb_table.auth[*].name)
}

output "auth_table_arn" {
  description = "ARN of the gateway-key / ledger table (null unless auth_store or auth_ledger is dynamodb)."
  value       = one(aws_dynamodb_table.auth[*].arn)
}
