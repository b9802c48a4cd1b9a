output "function_url" {
  description = "IAM-authenticated Function URL of the live alias (sign requests with SigV4, service lambda)."
  value       = aws_lambda_function_url.live.function_url
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_version" {
  description = "Published version the live alias points at (its SnapStart snapshot)."
  value       = aws_lambda_function.this.version
}

output "alias_arn" {
  description = "ARN of the live alias; every entry point invokes this."
  value       = aws_lambda_alias.live.arn
}

output "role_arn" {
  description = "ARN of the execution role."
  value       = aws_iam_role.exec.arn
}

output "invoker_policy_arn" {
  description = "Managed policy to attach to callers (null when create_invoker_policy is false)."
  value       = one(aws_iam_policy.invoke[*].arn)
}

output "http_api_endpoint" {
  description = "Endpoint of the IAM-authorized HTTP API (null unless enable_http_api)."
  value       = one(aws_apigatewayv2_api.http[*].api_endpoint)
}

output "log_group_name" {
  description = "Log group holding the function logs and the EMF cost records."
  value       = aws_cloudwatch_log_group.this.name
}

output "secret_arn" {
  description = "ARN of the provider-keys secret (SWITCHBOARD_SECRET_ARN); put its JSON value out of band."
  value       = aws_secretsmanager_secret.provider_keys.arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "cost_alarm_arn" {
  description = "ARN of the daily-cost alarm."
  value       = aws_cloudwatch_metric_alarm.daily_cost.arn
}

output "alarm_topic_arn" {
  description = "SNS topic created for alarms (null unless create_alarm_topic)."
  value       = one(aws_sns_topic.alarms[*].arn)
}

output "cost_namespace" {
  description = "CloudWatch namespace of the cost metrics."
  value       = var.cost_namespace
}

output "batch_input_uri" {
  description = "Where to drop batch files (*.jsonl, OpenAI batch format); null unless enable_batch."
  value       = var.enable_batch ? "s3://${aws_s3_bucket.batch[0].bucket}/${var.batch_input_prefix}" : null
}

output "batch_output_uri" {
  description = "Where results land: <this><job id>/output.jsonl, errors.jsonl and batch.json; null unless enable_batch."
  value       = var.enable_batch ? "s3://${aws_s3_bucket.batch[0].bucket}/${var.batch_output_prefix}" : null
}

output "batch_queue_url" {
  description = "Queue of batch jobs (bucket notifications and continuations); null unless enable_batch."
  value       = one(aws_sqs_queue.batch[*].url)
}

output "batch_dead_letter_queue_url" {
  description = "Dead-letter queue of batch messages that failed every delivery; null unless enable_batch."
  value       = one(aws_sqs_queue.batch_dlq[*].url)
}

output "batch_function_name" {
  description = "Name of the batch Lambda function; null unless enable_batch."
  value       = one(aws_lambda_function.batch[*].function_name)
}
