resource "aws_cloudwatch_log_group" "this" {
  # Created here (not by Lambda on first write) so retention applies and the role needs no
  # logs:CreateLogGroup. The EMF cost records live in this group too.
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_sns_topic" "alarms" {
  count = var.create_alarm_topic ? 1 : 0

  # Left on default encryption: CloudWatch alarms cannot publish to a topic encrypted with the
  # AWS-managed SNS key, and a customer-managed key is out of scope here.
  name = "${var.function_name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each = var.create_alarm_topic ? toset(var.alarm_email_addresses) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

# The application publishes every EMF record with an empty dimension set as well, so the
# dimensionless CostUsd metric is the namespace-wide total this alarm sums.
resource "aws_cloudwatch_metric_alarm" "daily_cost" {
  alarm_name        = "${var.function_name}-daily-cost"
  alarm_description = "Switchboard upstream spend over one day exceeded ${var.daily_cost_alarm_threshold_usd} USD (namespace ${var.cost_namespace}, metric CostUsd)."

  namespace           = var.cost_namespace
  metric_name         = "CostUsd"
  statistic           = "Sum"
  period              = 86400
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.daily_cost_alarm_threshold_usd
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

locals {
  insights_schema = "SCHEMA(\"${var.cost_namespace}\", provider, model, route, outcome)"

  dashboard_widgets = [
    {
      type = "metric", x = 0, y = 0, width = 12, height = 6
      properties = {
        title   = "Cost (USD) by provider and model, hourly"
        region  = var.region
        view    = "timeSeries"
        stacked = true
        period  = 3600
        metrics = [[{ id = "cost", label = "", expression = "SELECT SUM(CostUsd) FROM ${local.insights_schema} GROUP BY provider, model ORDER BY SUM() DESC LIMIT 20" }]]
      }
    },
    {
      type = "metric", x = 12, y = 0, width = 6, height = 6
      properties = {
        title                = "Cost (USD) over the selected range"
        region               = var.region
        view                 = "singleValue"
        setPeriodToTimeRange = true
        metrics              = [[var.cost_namespace, "CostUsd", { stat = "Sum", label = "Total" }]]
      }
    },
    {
      type = "alarm", x = 18, y = 0, width = 6, height = 6
      properties = {
        title  = "Daily cost alarm"
        alarms = [aws_cloudwatch_metric_alarm.daily_cost.arn]
      }
    },
    {
      type = "metric", x = 0, y = 6, width = 12, height = 6
      properties = {
        title  = "Tokens, all providers"
        region = var.region
        view   = "timeSeries"
        period = 3600
        stat   = "Sum"
        metrics = [
          [var.cost_namespace, "InputTokens"],
          [var.cost_namespace, "OutputTokens"],
          [var.cost_namespace, "CacheReadTokens"],
          [var.cost_namespace, "CacheWriteTokens"],
          [var.cost_namespace, "ReasoningTokens"],
        ]
      }
    },
    {
      type = "metric", x = 12, y = 6, width = 12, height = 6
      properties = {
        title  = "Input and output tokens by provider and model"
        region = var.region
        view   = "timeSeries"
        period = 3600
        metrics = [
          [{ id = "tin", label = "in", expression = "SELECT SUM(InputTokens) FROM ${local.insights_schema} GROUP BY provider, model ORDER BY SUM() DESC LIMIT 10" }],
          [{ id = "tout", label = "out", expression = "SELECT SUM(OutputTokens) FROM ${local.insights_schema} GROUP BY provider, model ORDER BY SUM() DESC LIMIT 10" }],
        ]
      }
    },
    {
      type = "metric", x = 0, y = 12, width = 12, height = 6
      properties = {
        title  = "Upstream latency and time to first token (ms)"
        region = var.region
        view   = "timeSeries"
        period = 300
        metrics = [
          [var.cost_namespace, "LatencyMs", { stat = "p50", label = "latency p50" }],
          [var.cost_namespace, "LatencyMs", { stat = "p90", label = "latency p90" }],
          [var.cost_namespace, "LatencyMs", { stat = "p99", label = "latency p99" }],
          [var.cost_namespace, "TtftMs", { stat = "p50", label = "TTFT p50" }],
          [var.cost_namespace, "TtftMs", { stat = "p90", label = "TTFT p90" }],
        ]
      }
    },
    {
      type = "metric", x = 12, y = 12, width = 12, height = 6
      properties = {
        title   = "Upstream attempts by outcome (errors, rate limits, timeouts...)"
        region  = var.region
        view    = "timeSeries"
        stacked = true
        period  = 300
        metrics = [[{ id = "outcomes", label = "", expression = "SELECT SAMPLE_COUNT(LatencyMs) FROM ${local.insights_schema} GROUP BY outcome" }]]
      }
    },
    {
      type = "metric", x = 0, y = 18, width = 12, height = 6
      properties = {
        title   = "Mean upstream latency by provider and model (ms)"
        region  = var.region
        view    = "timeSeries"
        period  = 300
        metrics = [[{ id = "lat", label = "", expression = "SELECT AVG(LatencyMs) FROM ${local.insights_schema} GROUP BY provider, model ORDER BY AVG() DESC LIMIT 10" }]]
      }
    },
    {
      type = "metric", x = 12, y = 18, width = 12, height = 6
      properties = {
        title  = "Lambda invocations, errors and throttles"
        region = var.region
        view   = "timeSeries"
        period = 300
        stat   = "Sum"
        metrics = [
          ["AWS/Lambda", "Invocations", "FunctionName", var.function_name],
          ["AWS/Lambda", "Errors", "FunctionName", var.function_name],
          ["AWS/Lambda", "Throttles", "FunctionName", var.function_name],
        ]
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.function_name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
