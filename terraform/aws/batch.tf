# Event-triggered batch jobs: S3 ObjectCreated on <input prefix>*.jsonl -> SQS (with a dead-letter queue) -> the batch
# Lambda (src/aws-batch) with ReportBatchItemFailures. Job state and results go under <output prefix><job id>/ of the
# same bucket, which the notification filter never matches (no self-trigger). Continuations use the same queue.

locals {
  batch_count   = var.enable_batch ? 1 : 0
  batch_name    = "${var.function_name}-batch"
  batch_package = coalesce(var.batch_package_path, "${path.module}/../../src/aws-batch/target/function.zip")
  batch_bucket  = coalesce(var.batch_bucket_name, "${var.function_name}-batch-${local.account_id}")
}

resource "aws_s3_bucket" "batch" {
  count  = local.batch_count
  bucket = local.batch_bucket
}

resource "aws_s3_bucket_public_access_block" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.batch_kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.batch_kms_key_arn
    }
    bucket_key_enabled = var.batch_kms_key_arn != null
  }
}

# Versioning gives every upload its own version id, so re-dropping a file starts a new job while a re-delivered
# notification of the same upload finds the job it started (the job id is derived from bucket, key and version).
resource "aws_s3_bucket_versioning" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  rule {
    id     = "expire-inputs"
    status = "Enabled"
    filter {
      prefix = var.batch_input_prefix
    }
    expiration {
      days = var.batch_input_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 7
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "expire-results"
    status = "Enabled"
    filter {
      prefix = var.batch_output_prefix
    }
    expiration {
      days = var.batch_output_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }

  # files exchanged with Bedrock batch jobs (batch_native.tf); the results are collected into the output prefix
  rule {
    id     = "expire-native-files"
    status = "Enabled"
    filter {
      prefix = var.batch_native_prefix
    }
    expiration {
      days = var.batch_output_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.batch]
}

resource "aws_sqs_queue" "batch_dlq" {
  count                     = local.batch_count
  name                      = "${local.batch_name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "batch" {
  count = local.batch_count
  name  = "${local.batch_name}-jobs"
  # AWS's rule for Lambda event sources: at least 6x the function timeout, so a message is not handed to a second
  # invocation while the first still runs it.
  visibility_timeout_seconds = 6 * var.batch_timeout_seconds
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.batch_dlq[0].arn
    maxReceiveCount     = var.batch_max_receive_count
  })
}

data "aws_iam_policy_document" "batch_queue" {
  statement {
    sid     = "BucketNotificationsFromTheBatchBucket"
    effect  = "Allow"
    actions = ["sqs:SendMessage"]
    resources = [
      "arn:${local.partition}:sqs:${var.region}:${local.account_id}:${local.batch_name}-jobs",
    ]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:s3:::${local.batch_bucket}"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  # Bedrock's job-state events, through the rule in batch_native.tf
  dynamic "statement" {
    for_each = local.native_count == 0 ? [] : [1]
    content {
      sid       = "BedrockJobEventsFromTheRule"
      effect    = "Allow"
      actions   = ["sqs:SendMessage"]
      resources = [local.batch_queue_arn]

      principals {
        type        = "Service"
        identifiers = ["events.amazonaws.com"]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:events:${var.region}:${local.account_id}:rule/${local.bedrock_events_rule}"]
      }
    }
  }
}

resource "aws_sqs_queue_policy" "batch" {
  count     = local.batch_count
  queue_url = aws_sqs_queue.batch[0].id
  policy    = data.aws_iam_policy_document.batch_queue.json
}

resource "aws_s3_bucket_notification" "batch" {
  count  = local.batch_count
  bucket = aws_s3_bucket.batch[0].id

  queue {
    id            = "switchboard-batch-input"
    queue_arn     = aws_sqs_queue.batch[0].arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = var.batch_input_prefix
    filter_suffix = ".jsonl"
  }

  depends_on = [aws_sqs_queue_policy.batch]
}

resource "aws_iam_role" "batch" {
  count              = local.batch_count
  name               = "${local.batch_name}-exec"
  description        = "Execution role of the ${local.batch_name} Lambda function"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

data "aws_iam_policy_document" "batch" {
  source_policy_documents = [data.aws_iam_policy_document.provider_access.json]

  statement {
    sid       = "ReadInputFiles"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}/${var.batch_input_prefix}*"]
  }

  statement {
    sid    = "ReadAndWriteJobState"
    effect = "Allow"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}/${var.batch_output_prefix}*"]
  }

  statement {
    # Lists job checkpoints; also makes a missing key answer 404 instead of 403.
    sid       = "ListTheBatchBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}"]
  }

  dynamic "statement" {
    for_each = var.batch_kms_key_arn == null ? [] : [var.batch_kms_key_arn]
    content {
      sid       = "UseTheBatchBucketKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  statement {
    sid    = "ConsumeAndContinueJobs"
    effect = "Allow"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:SendMessage",
    ]
    resources = ["arn:${local.partition}:sqs:${var.region}:${local.account_id}:${local.batch_name}-jobs"]
  }

  statement {
    sid    = "WriteOwnLogGroup"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:/aws/lambda/${local.batch_name}:*"]
  }
}

resource "aws_iam_role_policy" "batch" {
  count  = local.batch_count
  name   = "${local.batch_name}-exec"
  role   = aws_iam_role.batch[0].id
  policy = data.aws_iam_policy_document.batch.json
}

resource "aws_cloudwatch_log_group" "batch" {
  count             = local.batch_count
  name              = "/aws/lambda/${local.batch_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "batch" {
  count         = local.batch_count
  function_name = local.batch_name
  description   = "Switchboard batch jobs: ${var.batch_input_prefix}*.jsonl in s3://${local.batch_bucket} -> ${var.batch_output_prefix}<job id>/"
  role          = aws_iam_role.batch[0].arn

  filename         = local.batch_package
  source_code_hash = filebase64sha256(local.batch_package)
  runtime          = "java21"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  architectures    = [var.architecture]
  memory_size      = var.batch_memory_mb
  timeout          = var.batch_timeout_seconds

  environment {
    variables = merge({
      SWITCHBOARD_SECRET_ARN          = aws_secretsmanager_secret.provider_keys.arn
      SWITCHBOARD_DEFAULT_TARGETS     = join(",", var.default_targets)
      SWITCHBOARD_COST_NAMESPACE      = var.cost_namespace
      SWITCHBOARD_BATCH_QUEUE_URL     = aws_sqs_queue.batch[0].url
      SWITCHBOARD_BATCH_BUCKET        = local.batch_bucket
      SWITCHBOARD_BATCH_INPUT_PREFIX  = var.batch_input_prefix
      SWITCHBOARD_BATCH_OUTPUT_PREFIX = var.batch_output_prefix
      SWITCHBOARD_BATCH_CONCURRENCY   = tostring(var.batch_concurrency)
    }, local.native_environment)
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.batch[0].name
  }

  depends_on = [
    aws_iam_role_policy.batch,
    aws_cloudwatch_log_group.batch,
  ]

  lifecycle {
    precondition {
      condition     = !startswith(var.batch_output_prefix, var.batch_input_prefix) && !startswith(var.batch_input_prefix, var.batch_output_prefix)
      error_message = "batch_output_prefix and batch_input_prefix must not contain each other (results would trigger new jobs)."
    }
    precondition {
      condition     = !startswith(var.batch_native_prefix, var.batch_input_prefix) && !startswith(var.batch_input_prefix, var.batch_native_prefix) && !startswith(var.batch_native_prefix, var.batch_output_prefix) && !startswith(var.batch_output_prefix, var.batch_native_prefix)
      error_message = "batch_native_prefix must not contain or lie inside batch_input_prefix or batch_output_prefix."
    }
  }
}

resource "aws_lambda_event_source_mapping" "batch" {
  count            = local.batch_count
  event_source_arn = aws_sqs_queue.batch[0].arn
  function_name    = aws_lambda_function.batch[0].arn
  # One job per invocation: each gets the whole invocation's time.
  batch_size              = 1
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.batch_max_concurrent_invocations
  }
}

resource "aws_cloudwatch_metric_alarm" "batch_dlq" {
  count             = local.batch_count
  alarm_name        = "${local.batch_name}-dead-letters"
  alarm_description = "Batch messages were dead-lettered after ${var.batch_max_receive_count} failed deliveries (queue ${local.batch_name}-dlq)."

  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.batch_dlq[0].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

# The function logs one line per run: "batch: job <id> (s3://...) FINISHED, status FAILED, ...".
resource "aws_cloudwatch_log_metric_filter" "batch_failed_jobs" {
  count          = local.batch_count
  name           = "${local.batch_name}-failed-jobs"
  log_group_name = aws_cloudwatch_log_group.batch[0].name
  pattern        = "\"FINISHED, status FAILED\""

  metric_transformation {
    name          = "BatchJobsFailed"
    namespace     = var.cost_namespace
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "batch_failed_jobs" {
  count             = local.batch_count
  alarm_name        = "${local.batch_name}-failed-jobs"
  alarm_description = "A batch job ended failed (invalid input or every line failed); see log group /aws/lambda/${local.batch_name}."

  namespace           = var.cost_namespace
  metric_name         = "BatchJobsFailed"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  depends_on = [aws_cloudwatch_log_metric_filter.batch_failed_jobs]
}

resource "aws_cloudwatch_metric_alarm" "batch_errors" {
  count             = local.batch_count
  alarm_name        = "${local.batch_name}-errors"
  alarm_description = "The batch function failed invocations (messages are retried, then dead-lettered)."

  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.batch[0].function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}
