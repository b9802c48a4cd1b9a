variable "enable_batch" {
  description = "Deploy batch jobs: an input bucket whose finalized <batch_input_prefix>*.jsonl objects run through the batch function into the output bucket."
  type        = bool
  default     = false
}

variable "batch_source_zip_path" {
  description = "Zip of src/gcp-batch/target/deployment (deploy/gcp.sh builds it); defaults to src/gcp-batch/target/function-source.zip."
  type        = string
  default     = null
}

variable "batch_input_prefix" {
  description = "Only objects under this prefix ending in .jsonl start jobs."
  type        = string
  default     = "in/"
}

variable "batch_timeout_seconds" {
  description = "Per event invocation; 540 is the maximum for event-driven functions. Longer jobs are handed on through the continuation topic."
  type        = number
  default     = 540

  validation {
    condition     = var.batch_timeout_seconds >= 60 && var.batch_timeout_seconds <= 540
    error_message = "batch_timeout_seconds must be between 60 and 540 (event-driven 2nd gen functions)."
  }
}

variable "batch_memory" {
  description = "Memory of the batch function."
  type        = string
  default     = "1Gi"
}

variable "batch_max_instances" {
  description = "Upper bound on concurrent batch invocations (each runs one job at batch_concurrency lines in flight)."
  type        = number
  default     = 10
}

variable "batch_concurrency" {
  description = "Lines in flight at once per invocation."
  type        = number
  default     = 16
}

variable "batch_retention_days" {
  description = "Input files and job results are deleted after this many days."
  type        = number
  default     = 30

  validation {
    condition     = var.batch_retention_days >= 1
    error_message = "batch_retention_days must be at least 1."
  }
}

variable "enable_native_batch" {
  description = "With enable_batch: let jobs run as Vertex AI batch prediction jobs (object metadata switchboard-mode = native or auto): a bucket for the files exchanged with Vertex, its access for the function and the Vertex AI service agent, and the poll schedule."
  type        = bool
  default     = true
}

variable "batch_poll_minutes" {
  description = "Minutes between the Cloud Scheduler polls that run every job waiting on a provider batch job (Pub/Sub cannot delay a message, so this is how waiting jobs move on); divides 60."
  type        = number
  default     = 5

  validation {
    condition     = var.batch_poll_minutes >= 1 && var.batch_poll_minutes <= 60 && 60 % var.batch_poll_minutes == 0
    error_message = "batch_poll_minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)."
  }
}
