variable "project_id" {
  description = "Google Cloud project that hosts the function, its secrets, metrics and cost dataset."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the function, its source bucket and its Cloud Run service."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must look like us-central1 or europe-west4."
  }
}

variable "function_name" {
  description = "Name of the Cloud Function (and of its Cloud Run service); also prefixes secrets, the bucket and the sink."
  type        = string
  default     = "switchboard"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", var.function_name))
    error_message = "function_name must be 2-40 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "service_account_id" {
  description = "account_id of the function's dedicated service account."
  type        = string
  default     = "switchboard-fn"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.service_account_id))
    error_message = "service_account_id must be 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "build_service_account_email" {
  description = "Optional service account Cloud Build uses to build the function (needs logging.logWriter, artifactregistry.writer and read access to the source bucket); null uses the project default."
  type        = string
  default     = null

  validation {
    condition     = var.build_service_account_email == null || can(regex("^[a-z0-9-]+@[a-z0-9-]+\\.iam\\.gserviceaccount\\.com$", coalesce(var.build_service_account_email, "x")))
    error_message = "build_service_account_email must be a service account e-mail (name@project.iam.gserviceaccount.com)."
  }
}

variable "source_zip_path" {
  description = "Zip of src/gcp-functions/target/deployment (deploy/gcp.sh builds it); defaults to src/gcp-functions/target/function-source.zip."
  type        = string
  default     = null

  validation {
    condition     = var.source_zip_path == null || can(regex("\\.zip$", var.source_zip_path))
    error_message = "source_zip_path must point at a .zip file."
  }
}

variable "runtime" {
  description = "Cloud Run functions Java runtime: java21 (default) or java25 (google-24 stack). No native option: Cloud Run functions run language runtimes only."
  type        = string
  default     = "java21"

  validation {
    condition     = contains(["java21", "java25"], var.runtime)
    error_message = "runtime must be java21 or java25."
  }
}

variable "jvm_options" {
  description = "JAVA_TOOL_OPTIONS of the function's JVM (an extra_environment JAVA_TOOL_OPTIONS wins). Default: -XX:+UseSerialGC -XX:TieredStopAtLevel=1, as measured in bench/NOTES.md (issue 14); null leaves the JVM's defaults."
  type        = string
  default     = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"

  validation {
    condition     = var.jvm_options == null || can(regex("^[A-Za-z0-9 :+=,./_-]*$", coalesce(var.jvm_options, "x")))
    error_message = "jvm_options may only hold JVM flags (letters, digits, spaces and : + = , . / _ -)."
  }
}

variable "memory" {
  description = "Memory per instance, Kubernetes quantity style (e.g. 1Gi, 2Gi). Java wants at least 512Mi."
  type        = string
  default     = "1Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|M|G)$", var.memory))
    error_message = "memory must be a number followed by Mi, Gi, M or G, e.g. 1Gi."
  }
}

variable "cpu" {
  description = "vCPUs per instance; concurrency above 1 needs at least 1."
  type        = string
  default     = "1"

  validation {
    condition     = contains(["0.5", "1", "2", "4", "6", "8"], var.cpu)
    error_message = "cpu must be one of 0.5, 1, 2, 4, 6, 8."
  }
}

variable "timeout_seconds" {
  description = "Request timeout in seconds (HTTP functions allow up to 3600)."
  type        = number
  default     = 300

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 3600 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 1 and 3600."
  }
}

variable "min_instances" {
  description = "Instances kept warm (billed while idle) to avoid cold starts; 0 scales to zero."
  type        = number
  default     = 0

  validation {
    condition     = var.min_instances >= 0 && var.min_instances <= 100 && floor(var.min_instances) == var.min_instances
    error_message = "min_instances must be a whole number between 0 and 100."
  }
}

variable "max_instances" {
  description = "Upper bound on instances, which also caps parallel upstream spend."
  type        = number
  default     = 10

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 1000 && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number between 1 and 1000."
  }
}

variable "max_concurrency" {
  description = "Concurrent requests per instance (the app is I/O bound, so well above 1)."
  type        = number
  default     = 80

  validation {
    condition     = var.max_concurrency >= 1 && var.max_concurrency <= 1000 && floor(var.max_concurrency) == var.max_concurrency
    error_message = "max_concurrency must be a whole number between 1 and 1000."
  }
}

variable "ingress_settings" {
  description = "Which networks may reach the function; authentication is required either way."
  type        = string
  default     = "ALLOW_ALL"

  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress_settings)
    error_message = "ingress_settings must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
}

variable "startup_cpu_boost" {
  description = "Ask deploy/gcp.sh to enable startup CPU boost on the function's Cloud Run service (the function resource does not expose it)."
  type        = bool
  default     = true
}

variable "default_targets" {
  description = "Default routing targets as provider/model, e.g. vertex/gemini-2.5-flash (SWITCHBOARD_DEFAULT_TARGETS)."
  type        = list(string)

  validation {
    condition     = length(var.default_targets) > 0 && alltrue([for t in var.default_targets : can(regex("^[a-z0-9-]+/[^,\\s]+$", t))])
    error_message = "default_targets must be a non-empty list of provider/model strings without commas or spaces."
  }
}

variable "vertex_project" {
  description = "Project billed for Vertex AI calls (SWITCHBOARD_VERTEX_PROJECT); null uses project_id."
  type        = string
  default     = null

  validation {
    condition     = var.vertex_project == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", coalesce(var.vertex_project, "x")))
    error_message = "vertex_project must be a project id."
  }
}

variable "vertex_location" {
  description = "Vertex AI location (SWITCHBOARD_VERTEX_LOCATION), e.g. us-central1 or global; null uses region."
  type        = string
  default     = null

  validation {
    condition     = var.vertex_location == null || can(regex("^(global|[a-z]+-[a-z]+[0-9])$", coalesce(var.vertex_location, "x")))
    error_message = "vertex_location must be global or a region such as us-central1."
  }
}

variable "log_level" {
  description = "Optional QUARKUS_LOG_LEVEL; null keeps the application default."
  type        = string
  default     = null

  validation {
    condition     = var.log_level == null || contains(["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"], coalesce(var.log_level, "INFO"))
    error_message = "log_level must be one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL."
  }
}

variable "extra_environment" {
  description = "Additional environment variables (e.g. JAVA_TOOL_OPTIONS). Cannot override the ones this module sets."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k in keys(var.extra_environment) :
      can(regex("^[A-Za-z][A-Za-z0-9_]*$", k)) && !contains(["SWITCHBOARD_DEFAULT_TARGETS", "SWITCHBOARD_VERTEX_PROJECT", "SWITCHBOARD_VERTEX_LOCATION", "GOOGLE_CLOUD_PROJECT", "SWITCHBOARD_REQUEST_DEADLINE", "QUARKUS_LOG_LEVEL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"], k)
    ])
    error_message = "extra_environment keys must be valid variable names and must not be one this module manages."
  }
}

variable "secret_env_names" {
  description = "Provider keys to create Secret Manager secrets for, by the environment variable the app reads."
  type        = list(string)
  default     = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"]

  validation {
    condition     = alltrue([for n in var.secret_env_names : can(regex("^[A-Z][A-Z0-9_]{0,62}$", n))])
    error_message = "secret_env_names must be env-style names such as OPENAI_API_KEY."
  }
}

variable "mounted_secret_env_names" {
  description = "Subset of secret_env_names to mount as environment variables. Add a name only after its secret has a version: deploying with an empty secret fails."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for n in var.mounted_secret_env_names : can(regex("^[A-Z][A-Z0-9_]{0,62}$", n))])
    error_message = "mounted_secret_env_names must be env-style names such as OPENAI_API_KEY."
  }
}

variable "invoker_members" {
  description = "Principals allowed to invoke the function (roles/run.invoker), e.g. serviceAccount:caller@p.iam.gserviceaccount.com. Public access is refused."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for m in var.invoker_members :
      !contains(["allUsers", "allAuthenticatedUsers"], m) &&
      can(regex("^(user|serviceAccount|group|domain|principal|principalSet):[^\\s*]+$", m))
    ])
    error_message = "invoker_members must be user:, serviceAccount:, group:, domain:, principal: or principalSet: members; allUsers and allAuthenticatedUsers are refused."
  }
}

variable "bigquery_dataset_id" {
  description = "BigQuery dataset receiving every cost record through the logging sink."
  type        = string
  default     = "switchboard_costs"

  validation {
    # RE2 caps repetition counts at 1000, so the length limit is a separate test.
    condition     = can(regex("^[A-Za-z0-9_]+$", var.bigquery_dataset_id)) && length(var.bigquery_dataset_id) <= 1024
    error_message = "bigquery_dataset_id may contain only letters, digits and underscores."
  }
}

variable "bigquery_location" {
  description = "Location of the cost dataset (multi-region US/EU or a region)."
  type        = string
  default     = "US"

  validation {
    condition     = can(regex("^(US|EU|[a-z]+-[a-z]+[0-9])$", var.bigquery_location))
    error_message = "bigquery_location must be US, EU or a region such as us-central1."
  }
}

variable "bigquery_table_expiration_days" {
  description = "Days to keep cost-record partitions in BigQuery; null keeps them forever."
  type        = number
  default     = null

  validation {
    condition     = coalesce(var.bigquery_table_expiration_days, 1) >= 1
    error_message = "bigquery_table_expiration_days must be null or at least 1."
  }
}

variable "daily_cost_alert_threshold_usd" {
  description = "Alert when the sum of cost_usd over the trailing day exceeds this many US dollars."
  type        = number
  default     = 50

  validation {
    condition     = var.daily_cost_alert_threshold_usd > 0
    error_message = "daily_cost_alert_threshold_usd must be positive."
  }
}

variable "notification_channels" {
  description = "Existing Cloud Monitoring notification channel ids (projects/<p>/notificationChannels/<id>) for the cost alert."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.notification_channels : can(regex("^projects/[^/]+/notificationChannels/[^/]+$", c))])
    error_message = "notification_channels must be full channel names: projects/<project>/notificationChannels/<id>."
  }
}

variable "enable_apis" {
  description = "Enable the Google APIs this module needs (never disabled on destroy)."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Labels added to every resource that supports them."
  type        = map(string)
  default     = {}
}

variable "auth_mode" {
  description = "Who authenticates callers: \"iam\" (invoker_members only, the platform checks) or \"keys\" (allUsers may invoke; the gateway checks gateway keys from the auth-config secret). See README, \"Gateway keys\"."
  type        = string
  default     = "iam"

  validation {
    condition     = contains(["iam", "keys"], var.auth_mode)
    error_message = "auth_mode must be \"iam\" or \"keys\"."
  }
}

variable "auth_ledger" {
  description = "Where budgets and rate limits are counted with auth_mode = \"keys\": \"memory\" (per instance: limits multiply with instances) or \"redis\" (shared; set switchboard.auth.redis.url in the auth-config secret, reachable through a VPC connector) or \"firestore\" (this module creates the database, see auth_store.tf)."
  type        = string
  default     = "memory"

  validation {
    condition     = contains(["memory", "redis", "firestore"], var.auth_ledger)
    error_message = "auth_ledger must be \"memory\", \"redis\" or \"firestore\"."
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
  description = "OpenTelemetry collector for traces and metrics (OTEL_EXPORTER_OTLP_ENDPOINT), e.g. one forwarding to Cloud Trace and Managed Service for Prometheus; null leaves telemetry off."
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

variable "otlp_protocol" {
  description = "OTLP protocol towards otlp_endpoint: grpc or http/protobuf."
  type        = string
  default     = "grpc"
  validation {
    condition     = contains(["grpc", "http/protobuf"], var.otlp_protocol)
    error_message = "otlp_protocol must be grpc or http/protobuf."
  }
}
