locals {
  source_zip      = coalesce(var.source_zip_path, "${path.module}/../../src/gcp-functions/target/function-source.zip")
  vertex_project  = coalesce(var.vertex_project, var.project_id)
  vertex_location = coalesce(var.vertex_location, var.region)

  # The Cloud Run service behind the function, as a short name whether the API reports a full
  # resource name or not.
  run_service_name = reverse(split("/", google_cloudfunctions2_function.this.service_config[0].service))[0]

  # Secret ids are the env names in kebab case under the function's prefix: switchboard-openai-api-key.
  secret_ids = { for n in var.secret_env_names : n => "${var.function_name}-${lower(replace(n, "_", "-"))}" }

  environment = merge(
    var.jvm_options == null ? {} : { JAVA_TOOL_OPTIONS = var.jvm_options },
    var.extra_environment,
    local.auth_store_environment,
    {
      SWITCHBOARD_DEFAULT_TARGETS        = join(",", var.default_targets)
      SWITCHBOARD_VERTEX_PROJECT         = local.vertex_project
      SWITCHBOARD_VERTEX_LOCATION        = local.vertex_location
      GOOGLE_CLOUD_PROJECT               = var.project_id
      SWITCHBOARD_AUTH_MODE              = var.auth_mode
      SWITCHBOARD_AUTH_ON_LEDGER_FAILURE = var.auth_on_ledger_failure
      # A few seconds under the function timeout: the gateway answers its own 504 and writes the attempt's
      # cost record before the platform ends the request (README, "Limits").
      SWITCHBOARD_REQUEST_DEADLINE = "${max(1, var.timeout_seconds - 3)}s"
    },
    # the mounted auth-config secret (auth.tf) is read as extra configuration
    var.auth_mode == "keys" ? { QUARKUS_CONFIG_LOCATIONS = "/etc/switchboard-auth/auth.yaml" } : {},
    var.log_level == null ? {} : { QUARKUS_LOG_LEVEL = var.log_level },
    # only when asked for, so a ledger chosen elsewhere (e.g. a native store) is not overridden
    var.auth_ledger == "redis" ? { SWITCHBOARD_AUTH_LEDGER = "redis" } : {},
    var.otlp_endpoint == null ? {} : {
      OTEL_EXPORTER_OTLP_ENDPOINT = var.otlp_endpoint
      OTEL_EXPORTER_OTLP_PROTOCOL = var.otlp_protocol
      OTEL_SERVICE_NAME           = var.function_name
      OTEL_TRACES_SAMPLER_ARG     = tostring(var.trace_sample_ratio)
    },
  )

  apis = [
    "aiplatform.googleapis.com",
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "eventarc.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "apis" {
  for_each = var.enable_apis ? toset(local.apis) : toset([])

  service            = each.value
  disable_on_destroy = false
}
