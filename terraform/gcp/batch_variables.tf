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
