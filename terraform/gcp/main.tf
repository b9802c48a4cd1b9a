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
    var.extra_environment,
    {
      SWITCHBOARD_DEFAULT_TARGETS = join(",", var.default_targets)
      SWITCHBOARD_VERTEX_PROJECT  = local.vertex_project
      SWITCHBOARD_VERTEX_LOCATION = local.vertex_location
      GOOGLE_CLOUD_PROJECT        = var.project_id
    },
    var.log_level == null ? {} : { QUARKUS_LOG_LEVEL = var.log_level },
  )

  apis = [
    "aiplatform.googleapis.com",
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
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
