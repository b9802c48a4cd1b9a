# Gateway keys (README "Gateway keys"). auth_mode = "iam": callers SigV4-sign (today's behaviour).
# auth_mode = "keys": the Function URL (and HTTP API route) are public and the gateway itself checks
# the key every OpenAI / Anthropic SDK already sends; key hashes, limits and the admin key hash are
# entries of the provider-keys secret, e.g. "switchboard.auth.keys.app1.hash": "sha256:...".

# Anyone may reach the URL; the gateway answers 401 without a valid key. Since October 2025 a
# public Function URL needs both permissions.
resource "aws_lambda_permission" "public_url" {
  count = var.auth_mode == "keys" ? 1 : 0

  statement_id           = "PublicFunctionUrlGatewayKeys"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.this.function_name
  qualifier              = aws_lambda_alias.live.name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "public_url_invoke" {
  count = var.auth_mode == "keys" ? 1 : 0

  statement_id             = "PublicFunctionUrlInvokeGatewayKeys"
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.this.function_name
  qualifier                = aws_lambda_alias.live.name
  principal                = "*"
  invoked_via_function_url = true
}

# Budget alerts: the gateway logs one budget_alert event per key, window and threshold (50/80/100 %).
resource "aws_cloudwatch_log_metric_filter" "budget_alerts" {
  count = var.auth_mode == "keys" ? 1 : 0

  name           = "${var.function_name}-budget-alerts"
  log_group_name = aws_cloudwatch_log_group.this.name
  pattern        = "\"budget_alert\""

  metric_transformation {
    name      = "BudgetAlerts"
    namespace = var.cost_namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "budget_alerts" {
  count = var.auth_mode == "keys" ? 1 : 0

  alarm_name          = "${var.function_name}-budget-alert"
  alarm_description   = "A gateway key reached 50, 80 or 100 % of its budget: see the budget_alert events (key_id, tenant, percent) in the function's log group."
  namespace           = var.cost_namespace
  metric_name         = "BudgetAlerts"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}
