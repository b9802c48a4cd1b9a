# Gateway keys (README "Gateway keys"). auth_mode = "iam": only invoker_members may call (today's
# behaviour). auth_mode = "keys": anyone may reach the function and the gateway itself checks the key
# every OpenAI / Anthropic SDK already sends. The keys live in one Secret Manager secret holding the
# `switchboard.auth` YAML of the README (NewKey prints entries); it is mounted as a file and read as
# extra configuration. Add a version before deploying with auth_mode = "keys".
resource "google_secret_manager_secret" "auth_config" {
  count = var.auth_mode == "keys" ? 1 : 0

  secret_id = "${var.function_name}-auth-config"
  labels    = { switchboard-config = "auth" }

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "function_reads_auth_config" {
  count = var.auth_mode == "keys" ? 1 : 0

  project   = var.project_id
  secret_id = google_secret_manager_secret.auth_config[0].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function.email}"
}

# The gateway answers 401 to a caller without a valid key; Cloud Run lets everyone reach it.
resource "google_cloud_run_service_iam_member" "public_invoker" {
  count = var.auth_mode == "keys" ? 1 : 0

  project  = var.project_id
  location = var.region
  service  = local.run_service_name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Budget alerts: the gateway logs one budget_alert event per key, window and threshold (50/80/100 %).
resource "google_monitoring_alert_policy" "budget_alert" {
  count = var.auth_mode == "keys" ? 1 : 0

  display_name = "${var.function_name}: a gateway key reached a budget threshold"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "budget_alert log event"

    condition_matched_log {
      filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${var.function_name}\" AND textPayload:\"budget_alert\""
    }
  }

  notification_channels = var.notification_channels

  alert_strategy {
    notification_rate_limit {
      period = "300s"
    }
    auto_close = "86400s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A gateway key reached 50, 80 or 100 % of its day or month budget. The log event names key_id, tenant, window and percent; `GET /admin/usage` shows the spend."
  }

  depends_on = [google_project_service.apis]
}
