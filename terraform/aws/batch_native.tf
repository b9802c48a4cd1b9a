# Native provider batch jobs (enable_batch and enable_native_batch): a job whose input object says
# x-amz-meta-switchboard-mode: native (or auto, when it qualifies) runs as one Bedrock model invocation job at batch
# prices. The function writes the job's input under <batch_native_prefix>bedrock/, Bedrock reads it and writes the
# output there as the service role below, and the function collects the results into out/<job id>/.
#
# A job waiting on Bedrock is run again by three things, all arriving on the batch queue (so the dead-letter queue,
# the alarms and the concurrency cap cover them): a delayed continuation (SQS DelaySeconds, at most 15 min), Bedrock's
# "Batch Inference Job State Change" event through an EventBridge rule, and the poll schedule below (the backstop).
# Running a job twice at once is safe: the engine's leases let one run and the other step aside.

locals {
  native_count  = var.enable_batch && var.enable_native_batch ? 1 : 0
  native_prefix = "${var.batch_native_prefix}bedrock/"
  # Constructed rather than read from the counted role, so the policy documents below evaluate with native batch off.
  bedrock_batch_role_arn = "arn:${local.partition}:iam::${local.account_id}:role/${local.batch_name}-bedrock"
  bedrock_batch_jobs_arn = "arn:${local.partition}:bedrock:${var.region}:${local.account_id}:model-invocation-job/*"
  batch_queue_arn        = "arn:${local.partition}:sqs:${var.region}:${local.account_id}:${local.batch_name}-jobs"
  bedrock_events_rule    = "${local.batch_name}-bedrock-jobs"

  # switchboard.providers.bedrock.batch.* of the batch function (README "Native batch")
  native_environment = local.native_count == 0 ? {} : {
    SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_BUCKET   = local.batch_bucket
    SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_PREFIX   = local.native_prefix
    SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_ROLE_ARN = local.bedrock_batch_role_arn
  }
}

# --- the service role Bedrock assumes to read a job's input and write its output ---

data "aws_iam_policy_document" "bedrock_batch_assume" {
  statement {
    sid     = "BedrockBatchJobsOfThisAccount"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }

    # confused-deputy guard: only model invocation jobs of this account and region
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.bedrock_batch_jobs_arn]
    }
  }
}

resource "aws_iam_role" "bedrock_batch" {
  count              = local.native_count
  name               = "${local.batch_name}-bedrock"
  description        = "Assumed by Bedrock batch inference jobs of ${local.batch_name}: reads and writes s3://${local.batch_bucket}/${local.native_prefix} only"
  assume_role_policy = data.aws_iam_policy_document.bedrock_batch_assume.json
}

data "aws_iam_policy_document" "bedrock_batch" {
  statement {
    sid       = "ReadJobInputWriteJobOutput"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}/${local.native_prefix}*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "ListTheNativePrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.native_prefix}*"]
    }
  }

  statement {
    # a job on a cross-region inference profile invokes the profile and the models it routes to
    sid       = "InvokeConfiguredBedrockModels"
    effect    = "Allow"
    actions   = ["bedrock:InvokeModel"]
    resources = local.bedrock_invoke_arns
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
}

resource "aws_iam_role_policy" "bedrock_batch" {
  count  = local.native_count
  name   = "${local.batch_name}-bedrock"
  role   = aws_iam_role.bedrock_batch[0].id
  policy = data.aws_iam_policy_document.bedrock_batch.json
}

# --- what the batch function needs on top of batch.tf: Bedrock batch jobs and their files ---

data "aws_iam_policy_document" "batch_native" {
  statement {
    # creating a job is authorized on the job and on the model (or inference profile) it runs; tagging at create
    sid       = "CreateBedrockBatchJobs"
    effect    = "Allow"
    actions   = ["bedrock:CreateModelInvocationJob", "bedrock:TagResource"]
    resources = concat([local.bedrock_batch_jobs_arn], local.bedrock_invoke_arns)
  }

  statement {
    sid    = "FollowAndStopBedrockBatchJobs"
    effect = "Allow"
    actions = [
      "bedrock:GetModelInvocationJob",
      "bedrock:StopModelInvocationJob",
      "bedrock:ListTagsForResource",
    ]
    resources = [local.bedrock_batch_jobs_arn]
  }

  statement {
    # find-before-create lists jobs by name; the List action has no resource type, so "*" is its only resource
    sid       = "FindBedrockBatchJobs"
    effect    = "Allow"
    actions   = ["bedrock:ListModelInvocationJobs"]
    resources = ["*"]
  }

  statement {
    sid       = "HandTheServiceRoleToBedrock"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = [local.bedrock_batch_role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["bedrock.amazonaws.com"]
    }
  }

  statement {
    # input files are written, outputs read, and an input left by a create that failed is deleted
    sid       = "ExchangeFilesWithBedrock"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:${local.partition}:s3:::${local.batch_bucket}/${local.native_prefix}*"]
  }
}

resource "aws_iam_role_policy" "batch_native" {
  count  = local.native_count
  name   = "${local.batch_name}-native"
  role   = aws_iam_role.batch[0].id
  policy = data.aws_iam_policy_document.batch_native.json
}

# --- the poll schedule: a poll message on the batch queue every batch_poll_minutes ---

data "aws_iam_policy_document" "batch_poll_assume" {
  statement {
    sid     = "SchedulerOfThisAccount"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "batch_poll" {
  count              = local.native_count
  name               = "${local.batch_name}-poll"
  description        = "Assumed by EventBridge Scheduler to put the poll message on ${local.batch_name}-jobs"
  assume_role_policy = data.aws_iam_policy_document.batch_poll_assume.json
}

data "aws_iam_policy_document" "batch_poll" {
  statement {
    sid       = "SendThePollMessage"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [local.batch_queue_arn]
  }
}

resource "aws_iam_role_policy" "batch_poll" {
  count  = local.native_count
  name   = "${local.batch_name}-poll"
  role   = aws_iam_role.batch_poll[0].id
  policy = data.aws_iam_policy_document.batch_poll.json
}

resource "aws_scheduler_schedule" "batch_poll" {
  count       = local.native_count
  name        = "${local.batch_name}-poll"
  description = "Runs the batch jobs waiting on a provider batch job (the backstop to continuations and provider events)"

  schedule_expression = var.batch_poll_minutes == 1 ? "rate(1 minute)" : "rate(${var.batch_poll_minutes} minutes)"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sqs_queue.batch[0].arn
    role_arn = aws_iam_role.batch_poll[0].arn
    # BatchMessages.POLL_TYPE in src/aws-batch
    input = jsonencode({ type = "switchboard.batch.poll" })

    # a missed poll is made up by the next one
    retry_policy {
      maximum_event_age_in_seconds = 60 * var.batch_poll_minutes < 60 ? 60 : min(86400, 60 * var.batch_poll_minutes)
      maximum_retry_attempts       = 2
    }
  }
}

# --- Bedrock's job-state events on the default bus: the jobs Switchboard named (sb-...) go to the batch queue ---

resource "aws_cloudwatch_event_rule" "bedrock_batch_jobs" {
  count       = local.native_count
  name        = local.bedrock_events_rule
  description = "Bedrock batch inference jobs of ${local.batch_name} changed state: run their Switchboard job"
  event_pattern = jsonencode({
    source        = ["aws.bedrock"]
    "detail-type" = ["Batch Inference Job State Change"]
    # BedrockBatchNames in src/bedrock: "sb-" + the job id
    detail = { batchJobName = [{ prefix = "sb-" }] }
  })
}

resource "aws_cloudwatch_event_target" "bedrock_batch_jobs" {
  count     = local.native_count
  rule      = aws_cloudwatch_event_rule.bedrock_batch_jobs[0].name
  target_id = "batch-queue"
  arn       = aws_sqs_queue.batch[0].arn
}

output "bedrock_batch_role_arn" {
  description = "The service role Bedrock batch jobs run as (null without enable_batch and enable_native_batch)."
  value       = local.native_count == 0 ? null : aws_iam_role.bedrock_batch[0].arn
}

output "batch_poll_schedule" {
  description = "The EventBridge Scheduler schedule that polls jobs waiting on a provider (null without native batch)."
  value       = local.native_count == 0 ? null : aws_scheduler_schedule.batch_poll[0].name
}
