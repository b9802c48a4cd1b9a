# Event-triggered batch jobs (src/aws-batch): drop in/*.jsonl into the batch bucket, find results under out/<job id>/.

variable "enable_batch" {
  description = "Deploy the batch function, its bucket, queue and dead-letter queue (batch.tf)."
  type        = bool
  default     = false
}

variable "batch_package_path" {
  description = "Path to the batch function.zip; defaults to src/aws-batch/target/function.zip."
  type        = string
  default     = null
}

variable "batch_bucket_name" {
  description = "Name of the batch bucket; defaults to <function_name>-batch-<account id>."
  type        = string
  default     = null

  validation {
    condition     = var.batch_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.batch_bucket_name))
    error_message = "batch_bucket_name must be a valid S3 bucket name."
  }
}

variable "batch_input_prefix" {
  description = "Key prefix whose *.jsonl objects start jobs."
  type        = string
  default     = "in/"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+/$", var.batch_input_prefix))
    error_message = "batch_input_prefix must be one path segment ending in '/', e.g. in/."
  }
}

variable "batch_output_prefix" {
  description = "Key prefix of job state and results (<prefix><job id>/); must not lie under the input prefix."
  type        = string
  default     = "out/"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+/$", var.batch_output_prefix))
    error_message = "batch_output_prefix must be one path segment ending in '/', e.g. out/."
  }
}

variable "batch_timeout_seconds" {
  description = "Timeout of one batch invocation (Lambda allows at most 900 s); the queue's visibility timeout is 6x this."
  type        = number
  default     = 900

  validation {
    condition     = var.batch_timeout_seconds >= 180 && var.batch_timeout_seconds <= 900
    error_message = "batch_timeout_seconds must be between 180 (two line allowances plus the checkpoint reserve) and 900."
  }
}

variable "batch_memory_mb" {
  description = "Memory of the batch function in MB."
  type        = number
  default     = 1024

  validation {
    condition     = var.batch_memory_mb >= 512 && var.batch_memory_mb <= 10240
    error_message = "batch_memory_mb must be between 512 and 10240."
  }
}

variable "batch_concurrency" {
  description = "Lines in flight at once in one invocation (SWITCHBOARD_BATCH_CONCURRENCY)."
  type        = number
  default     = 16

  validation {
    condition     = var.batch_concurrency >= 1 && var.batch_concurrency <= 256
    error_message = "batch_concurrency must be between 1 and 256."
  }
}

variable "batch_max_concurrent_invocations" {
  description = "Most batch invocations the queue starts at once (event source mapping maximum_concurrency, at least 2)."
  type        = number
  default     = 5

  validation {
    condition     = var.batch_max_concurrent_invocations >= 2 && var.batch_max_concurrent_invocations <= 1000
    error_message = "batch_max_concurrent_invocations must be between 2 and 1000."
  }
}

variable "batch_max_receive_count" {
  description = "Deliveries of one message before it moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.batch_max_receive_count >= 2 && var.batch_max_receive_count <= 100
    error_message = "batch_max_receive_count must be between 2 and 100."
  }
}

variable "batch_input_retention_days" {
  description = "Days input files are kept before the bucket's lifecycle rule deletes them."
  type        = number
  default     = 30

  validation {
    condition     = var.batch_input_retention_days >= 1
    error_message = "batch_input_retention_days must be at least 1."
  }
}

variable "batch_output_retention_days" {
  description = "Days job state and results are kept before the bucket's lifecycle rule deletes them."
  type        = number
  default     = 90

  validation {
    condition     = var.batch_output_retention_days >= 1
    error_message = "batch_output_retention_days must be at least 1."
  }
}

variable "batch_kms_key_arn" {
  description = "Customer-managed KMS key for the batch bucket; null uses S3-managed keys (SSE-S3)."
  type        = string
  default     = null

  validation {
    condition     = var.batch_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.batch_kms_key_arn))
    error_message = "batch_kms_key_arn must be a KMS key ARN."
  }
}

# Native provider batch jobs (batch_native.tf): Bedrock model invocation jobs at batch prices.

variable "enable_native_batch" {
  description = "With enable_batch: let jobs run as Bedrock batch inference jobs (object metadata switchboard-mode = native or auto): a service role for Bedrock, the function's Bedrock batch permissions, the poll schedule and the Bedrock job-state event rule."
  type        = bool
  default     = true
}

variable "batch_native_prefix" {
  description = "Key prefix of the files exchanged with Bedrock batch jobs (<prefix>bedrock/<job id>/input.jsonl and output/); must not overlap the input or output prefix."
  type        = string
  default     = "native/"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+/$", var.batch_native_prefix))
    error_message = "batch_native_prefix must be one path segment ending in '/', e.g. native/."
  }
}

variable "batch_poll_minutes" {
  description = "Minutes between the scheduled polls that run every job waiting on a provider batch job (the backstop to the delayed continuations and Bedrock's job-state events)."
  type        = number
  default     = 5

  validation {
    condition     = var.batch_poll_minutes >= 1 && var.batch_poll_minutes <= 1440 && floor(var.batch_poll_minutes) == var.batch_poll_minutes
    error_message = "batch_poll_minutes must be a whole number between 1 and 1440."
  }
}
