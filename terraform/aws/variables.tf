variable "region" {
  description = "AWS region for every resource. Bedrock is called in this region with the execution role."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1, eu-central-1 or us-gov-west-1."
  }
}

variable "function_name" {
  description = "Name of the Lambda function; also names the role, log group, secret, alarm and dashboard."
  type        = string
  default     = "switchboard"

  validation {
    # 54 leaves room for the "-exec" / "-invoke" suffixes within IAM's 64-character limit.
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,53}$", var.function_name))
    error_message = "function_name must start with a letter, use only letters, digits, '-' or '_', and be at most 54 characters."
  }
}

variable "package_path" {
  description = "Path to the Quarkus Lambda package. Defaults to src/aws-lambda/target/function.zip in this repository."
  type        = string
  default     = null

  validation {
    condition     = var.package_path == null || can(regex("\\.zip$", var.package_path))
    error_message = "package_path must point at a .zip file."
  }
}

variable "architecture" {
  description = "Instruction set of the function: x86_64 or arm64 (Graviton, about 20% cheaper per GB-second)."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "runtime" {
  description = "java21 (default), java25, java25-aot or native. java21/java25: Lambda's managed runtimes with SnapStart. java25-aot: provided.al2023 running the package deploy/lambda-aot.sh builds (its own JDK 25 and a trained JDK AOT cache; no SnapStart; ~90 MB, so set package_bucket). native: provided.al2023 running the native function.zip built by .github/workflows/native.yml (no SnapStart, it starts in milliseconds without). Set package_path to the package of java25-aot and native. See README \"Runtimes and start-up per cloud\"."
  type        = string
  default     = "java21"

  validation {
    condition     = contains(["java21", "java25", "java25-aot", "native"], var.runtime)
    error_message = "runtime must be java21, java25, java25-aot or native."
  }
}

variable "package_bucket" {
  description = "An S3 bucket of yours, in the function's region, that the package is uploaded to and deployed from (key: <function_name>/<package md5>.zip). Needed for a package over Lambda's 50 MB direct-upload limit, such as java25-aot's. Null: direct upload."
  type        = string
  default     = null
}

variable "jvm_options" {
  description = "JAVA_TOOL_OPTIONS of the Java runtimes (ignored by native; an extra_environment JAVA_TOOL_OPTIONS wins). Default null: Lambda's own, which already are the short-life policy measured in bench/NOTES.md (SerialGC; C1 only on java21; on java25 with SnapStart full tiered, compiled by priming before the snapshot). E.g. \"-XX:TieredStopAtLevel=1\" forces C1 on java25 too. On java25-aot they come after the bootstrap's own (C1 only, SerialGC, the cache); options that change the module graph make the JVM drop the cache."
  type        = string
  default     = null

  validation {
    condition     = var.jvm_options == null || can(regex("^[A-Za-z0-9 :+=,./_-]*$", coalesce(var.jvm_options, "x")))
    error_message = "jvm_options may only hold JVM flags (letters, digits, spaces and : + = , . / _ -)."
  }
}

variable "memory_mb" {
  description = "Memory of the function in MB (CPU scales with it; 1769 MB is one full vCPU)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240 && floor(var.memory_mb) == var.memory_mb
    error_message = "memory_mb must be a whole number between 128 and 10240."
  }
}

variable "timeout_seconds" {
  description = "Function timeout in seconds. The HTTP API caps its own integration at 30 s regardless."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 1 and 900."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions (a hard cap on parallel upstream spend). null leaves the function unreserved."
  type        = number
  default     = null

  validation {
    # Terraform < 1.12 does not short-circuit ||, so null is folded away with coalesce().
    condition     = coalesce(var.reserved_concurrency, 0) >= 0 && floor(coalesce(var.reserved_concurrency, 0)) == coalesce(var.reserved_concurrency, 0)
    error_message = "reserved_concurrency must be null or a whole number >= 0 (0 disables the function)."
  }
}

variable "snapshot_generation" {
  description = "Bump to force a new published version, hence a new SnapStart snapshot (e.g. after rotating provider keys)."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,64}$", var.snapshot_generation))
    error_message = "snapshot_generation must be 1-64 characters of letters, digits, '.', '_' or '-'."
  }
}

variable "default_targets" {
  description = "Default routing targets as provider/model, e.g. bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0 (SWITCHBOARD_DEFAULT_TARGETS)."
  type        = list(string)

  validation {
    condition     = length(var.default_targets) > 0 && alltrue([for t in var.default_targets : can(regex("^[a-z0-9-]+/[^,\\s]+$", t))])
    error_message = "default_targets must be a non-empty list of provider/model strings without commas or spaces."
  }
}

variable "cost_namespace" {
  description = "CloudWatch namespace of the EMF cost records (SWITCHBOARD_COST_NAMESPACE); the alarm and dashboard read it."
  type        = string
  default     = "Switchboard"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._#/ -]{0,254}$", var.cost_namespace)) && !startswith(var.cost_namespace, "AWS/")
    error_message = "cost_namespace must be 1-255 characters of letters, digits, '.', '_', '#', '/', ' ' or '-', and must not start with AWS/."
  }
}

variable "log_level" {
  description = "Optional QUARKUS_LOG_LEVEL for the function; null keeps the application default."
  type        = string
  default     = null

  validation {
    condition     = var.log_level == null || contains(["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"], coalesce(var.log_level, "INFO"))
    error_message = "log_level must be one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL."
  }
}

variable "extra_environment" {
  description = "Additional environment variables for the function (e.g. JAVA_TOOL_OPTIONS). Cannot override the SWITCHBOARD_* ones set here."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k in keys(var.extra_environment) :
      can(regex("^[A-Za-z][A-Za-z0-9_]*$", k)) && !contains(["SWITCHBOARD_SECRET_ARN", "SWITCHBOARD_DEFAULT_TARGETS", "SWITCHBOARD_COST_NAMESPACE", "SWITCHBOARD_REQUEST_DEADLINE", "SWITCHBOARD_SNAPSHOT_GENERATION", "QUARKUS_LOG_LEVEL"], k)
    ])
    error_message = "extra_environment keys must be valid variable names and must not be one of the variables this module manages."
  }
}

variable "bedrock_foundation_model_ids" {
  description = "Bedrock foundation-model ids invoked directly (on-demand) in var.region, e.g. amazon.nova-pro-v1:0."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.bedrock_foundation_model_ids : can(regex("^[a-z0-9-]+\\.[A-Za-z0-9.:_-]+$", m))])
    error_message = "Each foundation-model id must look like provider.model-name[:version], without wildcards."
  }
}

variable "bedrock_inference_profiles" {
  description = "System cross-region inference profiles (id like us.anthropic.claude-sonnet-4-5-20250929-v1:0) and the regions each routes to; the role gets the profile ARN in var.region plus the foundation-model ARN in every listed region."
  type = list(object({
    id                  = string
    destination_regions = list(string)
  }))
  default = []

  validation {
    condition = alltrue([
      for p in var.bedrock_inference_profiles :
      can(regex("^[a-z]{2,6}(-gov)?\\.[a-z0-9-]+\\.[A-Za-z0-9.:_-]+$", p.id)) &&
      length(p.destination_regions) > 0 &&
      alltrue([for r in p.destination_regions : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", r))])
    ])
    error_message = "Each inference profile needs an id like us.provider.model[:version] and a non-empty list of destination regions."
  }
}

variable "bedrock_additional_model_arns" {
  description = "Extra Bedrock ARNs to allow verbatim (application inference profiles, the region-less foundation-model ARN a global.* profile needs, provisioned throughput)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.bedrock_additional_model_arns : can(regex("^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:[0-9]*:[a-z-]+/[^*]+$", a))])
    error_message = "Each additional ARN must be a Bedrock ARN (arn:<partition>:bedrock:...) without '*'."
  }
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret holding third-party provider keys as a JSON object; defaults to <function_name>/provider-keys."
  type        = string
  default     = null

  validation {
    condition     = var.secret_name == null || can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", coalesce(var.secret_name, "x")))
    error_message = "secret_name must be 1-512 characters of letters, digits and /_+=.@-."
  }
}

variable "secret_recovery_window_days" {
  description = "Days Secrets Manager keeps a deleted secret recoverable (0 deletes immediately)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "secret_kms_key_arn" {
  description = "Optional customer-managed KMS key for the secret; the role then gets kms:Decrypt on it via Secrets Manager only."
  type        = string
  default     = null

  validation {
    condition     = var.secret_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", coalesce(var.secret_kms_key_arn, "x")))
    error_message = "secret_kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)."
  }
}

variable "initial_secret_values" {
  description = "Optional first version of the provider-keys secret (OPENAI_API_KEY = \"...\", ...). Prefer setting values out of band: anything here lands in the Terraform state."
  type        = map(string)
  default     = {}
  sensitive   = true

  validation {
    condition     = alltrue([for k in keys(var.initial_secret_values) : can(regex("^[A-Z][A-Z0-9_]*$", k))])
    error_message = "initial_secret_values keys must be env-style names such as OPENAI_API_KEY."
  }
}

variable "function_url_cors" {
  description = "Optional CORS settings for the Function URL; null disables CORS (server-to-server callers do not need it)."
  type = object({
    allow_origins     = list(string)
    allow_methods     = optional(list(string), ["POST", "GET"])
    allow_headers     = optional(list(string), ["authorization", "content-type", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"])
    expose_headers    = optional(list(string), [])
    allow_credentials = optional(bool, false)
    max_age           = optional(number, 300)
  })
  default = null

  validation {
    condition     = var.function_url_cors == null || (length(try(var.function_url_cors.allow_origins, [])) > 0 && try(var.function_url_cors.max_age, 0) <= 86400)
    error_message = "function_url_cors needs at least one allowed origin and a max_age of at most 86400 seconds."
  }
}

variable "url_invoker_principals" {
  description = "Other AWS accounts or role ARNs allowed to call the Function URL (cross-account needs a resource policy; same-account callers only need the invoker policy)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.url_invoker_principals : can(regex("^([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+))$", p))])
    error_message = "Each principal must be a 12-digit account id or an IAM root, role or user ARN; wildcards are not allowed."
  }
}

variable "create_invoker_policy" {
  description = "Create a managed IAM policy that grants exactly what a caller needs (Function URL and, when enabled, the HTTP API)."
  type        = bool
  default     = true
}

variable "enable_http_api" {
  description = "Also expose the alias through an API Gateway HTTP API (v2) with an IAM-authorized $default route."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of the function's log group, which also holds the EMF cost records."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ..., 3653)."
  }
}

variable "daily_cost_alarm_threshold_usd" {
  description = "Alarm when the namespace-wide CostUsd sum over one day exceeds this many US dollars."
  type        = number
  default     = 50

  validation {
    condition     = var.daily_cost_alarm_threshold_usd > 0
    error_message = "daily_cost_alarm_threshold_usd must be positive."
  }
}

variable "create_alarm_topic" {
  description = "Create an SNS topic for the cost alarm (subscribe alarm_email_addresses to it)."
  type        = bool
  default     = false
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the created alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_email_addresses must be e-mail addresses."
  }
}

variable "alarm_topic_arns" {
  description = "Existing SNS topic ARNs that also receive the cost alarm."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.alarm_topic_arns : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", a))])
    error_message = "alarm_topic_arns must be SNS topic ARNs."
  }
}

variable "tags" {
  description = "Tags added to every resource (merged over Application and ManagedBy)."
  type        = map(string)
  default     = {}
}

variable "auth_mode" {
  description = "Who authenticates callers: \"iam\" (SigV4-signed callers, the platform checks) or \"keys\" (public Function URL; the gateway checks gateway keys from the secret). See README, \"Gateway keys\"."
  type        = string
  default     = "iam"

  validation {
    condition     = contains(["iam", "keys"], var.auth_mode)
    error_message = "auth_mode must be \"iam\" or \"keys\"."
  }
}

variable "auth_ledger" {
  description = "Where budgets and rate limits are counted with auth_mode = \"keys\": \"memory\" (per instance: limits multiply with concurrency) or \"redis\" (shared; put switchboard.auth.redis.url in the secret and give the function network access to it) or \"dynamodb\" (this module creates the table, see auth_store.tf)."
  type        = string
  default     = "memory"

  validation {
    condition     = contains(["memory", "redis", "dynamodb"], var.auth_ledger)
    error_message = "auth_ledger must be \"memory\", \"redis\" or \"dynamodb\"."
  }
}

variable "auth_on_ledger_failure" {
  description = "When the ledger cannot be reached: \"fail-closed\" (503) or \"fail-open\" (serve without limits, logged and counted)."
  type        = string
  default     = "fail-closed"

  validation {
    condition     = contains(["fail-closed", "fail-open"], var.auth_on_ledger_failure)
    error_message = "auth_on_ledger_failure must be \"fail-closed\" or \"fail-open\"."
  }
}

variable "otlp_endpoint" {
  description = "OpenTelemetry collector for traces and metrics (OTEL_EXPORTER_OTLP_ENDPOINT), OTLP over HTTP/protobuf, e.g. the ADOT layer's http://localhost:4318; null leaves telemetry off."
  type        = string
  default     = null
  validation {
    condition     = var.otlp_endpoint == null || can(regex("^https?://", var.otlp_endpoint))
    error_message = "otlp_endpoint must be an http:// or https:// URL."
  }
}

variable "trace_sample_ratio" {
  description = "Share of requests arriving without a caller's traceparent that start a trace (OTEL_TRACES_SAMPLER_ARG; the sampler is parentbased_traceidratio): 1 traces every request, 0.1 one in ten. A caller's sampled or unsampled traceparent decides for its own requests; metrics count every request. Applies with otlp_endpoint."
  type        = number
  default     = 1
  validation {
    condition     = var.trace_sample_ratio >= 0 && var.trace_sample_ratio <= 1
    error_message = "trace_sample_ratio must be between 0 and 1."
  }
}

variable "adot_layer_arn" {
  description = "ARN of an AWS Distro for OpenTelemetry collector layer to run beside the function (its collector config decides where telemetry goes); null adds no layer."
  type        = string
  default     = null
  validation {
    condition     = var.adot_layer_arn == null || can(regex("^arn:aws[a-z-]*:lambda:", var.adot_layer_arn))
    error_message = "adot_layer_arn must be a Lambda layer version ARN."
  }
}
