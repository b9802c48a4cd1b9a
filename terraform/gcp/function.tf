resource "google_storage_bucket" "source" {
  # Bucket names are global and at most 63 characters: the project is folded into a short hash.
  name     = "${var.function_name}-src-${substr(sha256(var.project_id), 0, 10)}"
  location = var.region

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  # Holds nothing but build inputs, each named after its content.
  force_destroy = true

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_object" "source" {
  # Content-addressed, so a new build changes the object name and that redeploys the function.
  name   = "${var.function_name}-${filemd5(local.source_zip)}.zip"
  bucket = google_storage_bucket.source.name
  source = local.source_zip
}

resource "google_cloudfunctions2_function" "this" {
  name        = var.function_name
  location    = var.region
  description = "Switchboard LLM gateway (Quarkus)"

  build_config {
    runtime     = var.runtime
    entry_point = "dev.switchboard.gcp.SwitchboardFunction"

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }

    service_account = var.build_service_account_email == null ? null : "projects/${var.project_id}/serviceAccounts/${var.build_service_account_email}"
  }

  service_config {
    available_memory                 = var.memory
    available_cpu                    = var.cpu
    timeout_seconds                  = var.timeout_seconds
    min_instance_count               = var.min_instances
    max_instance_count               = var.max_instances
    max_instance_request_concurrency = var.max_concurrency
    ingress_settings                 = var.ingress_settings
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.function.email
    environment_variables            = local.environment

    dynamic "secret_environment_variables" {
      for_each = toset(var.mounted_secret_env_names)
      content {
        key        = secret_environment_variables.value
        project_id = var.project_id
        secret     = google_secret_manager_secret.provider_key[secret_environment_variables.value].secret_id
        # "latest" is resolved when an instance starts, so a rotated key reaches new instances
        # without a deploy; pin a number instead for fully reproducible revisions.
        version = "latest"
      }
    }

    dynamic "secret_volumes" {
      for_each = var.auth_mode == "keys" ? [1] : []
      content {
        mount_path = "/etc/switchboard-auth"
        project_id = var.project_id
        secret     = google_secret_manager_secret.auth_config[0].secret_id
        versions {
          version = "latest"
          path    = "auth.yaml"
        }
      }
    }

    # Startup CPU boost is a Cloud Run revision setting this resource does not expose; see
    # README ("Startup CPU boost") and deploy/gcp.sh.
  }

  lifecycle {
    precondition {
      condition     = var.min_instances <= var.max_instances
      error_message = "min_instances must not exceed max_instances."
    }
    precondition {
      condition     = alltrue([for n in var.mounted_secret_env_names : contains(var.secret_env_names, n)])
      error_message = "Every name in mounted_secret_env_names must also be in secret_env_names."
    }
    precondition {
      condition     = var.max_concurrency == 1 || var.cpu != "0.5"
      error_message = "Concurrency above 1 needs cpu >= 1."
    }
  }

  depends_on = [
    google_project_iam_member.vertex_user,
    google_secret_manager_secret_iam_member.function_reads_secret,
  ]
}
