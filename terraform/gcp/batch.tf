# Batch jobs (enable_batch): a finalized <batch_input_prefix>*.jsonl object in the input bucket reaches the batch
# function through an Eventarc trigger; the job's state and results go to the output bucket under <job id>/. A job
# that outlives one invocation (540 s at most) is handed on through the continuation topic, whose push subscription
# delivers it back to the function with retries and a dead-letter topic. Every delivery is at least once; the
# function is idempotent by the job id derived from bucket, name and generation.
locals {
  batch      = var.enable_batch ? 1 : 0
  batch_name = "${var.function_name}-batch"
  batch_hash = substr(sha256(var.project_id), 0, 10)
  batch_zip  = coalesce(var.batch_source_zip_path, "${path.module}/../../src/gcp-batch/target/function-source.zip")
}

data "google_project" "this" {
  count = local.batch
}

# The Cloud Storage service agent publishes the bucket's events (Eventarc's transport is Pub/Sub).
data "google_storage_project_service_account" "gcs" {
  count = local.batch
}

# "in": finalized *.jsonl objects start jobs; "out": job state and results, separate so results never trigger jobs;
# "native": files exchanged with Vertex AI batch prediction jobs (batch_native.tf).
resource "google_storage_bucket" "batch" {
  for_each = var.enable_batch ? toset(concat(["in", "out"], var.enable_native_batch ? ["native"] : [])) : toset([])
  name     = "${local.batch_name}-${each.key}-${local.batch_hash}"
  location = var.region

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  # Google-managed encryption at rest is the default; no customer key is configured.

  lifecycle_rule {
    condition { age = var.batch_retention_days }
    action { type = "Delete" }
  }

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "batch_continue" {
  count                      = local.batch
  name                       = "${local.batch_name}-continue"
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "batch_dead_letter" {
  count = local.batch
  name  = "${local.batch_name}-dead-letter"

  depends_on = [google_project_service.apis]
}

# Keeps dead letters for inspection (and for the alert below).
resource "google_pubsub_subscription" "batch_dead_letter" {
  count                      = local.batch
  name                       = "${local.batch_name}-dead-letter"
  topic                      = google_pubsub_topic.batch_dead_letter[0].id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
}

# Continuations pushed to the function (the body is the Pub/Sub push envelope, as in messagePublished events).
resource "google_pubsub_subscription" "batch_continue" {
  count                = local.batch
  name                 = "${local.batch_name}-continue"
  topic                = google_pubsub_topic.batch_continue[0].id
  ack_deadline_seconds = 600

  push_config {
    push_endpoint = google_cloudfunctions2_function.batch[0].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.batch[0].email
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.batch_dead_letter[0].id
    max_delivery_attempts = 10
  }
}

resource "google_storage_bucket_object" "batch_source" {
  count  = local.batch
  name   = "${local.batch_name}-${filemd5(local.batch_zip)}.zip"
  bucket = google_storage_bucket.source.name
  source = local.batch_zip
}

resource "google_cloudfunctions2_function" "batch" {
  count       = local.batch
  name        = local.batch_name
  location    = var.region
  description = "Switchboard batch jobs (GCS finalized -> results)"

  build_config {
    runtime     = "java21"
    entry_point = "dev.switchboard.gcp.batch.BatchFunction"

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.batch_source[0].name
      }
    }

    service_account = var.build_service_account_email == null ? null : "projects/${var.project_id}/serviceAccounts/${var.build_service_account_email}"
  }

  service_config {
    available_memory                 = var.batch_memory
    available_cpu                    = "1"
    timeout_seconds                  = var.batch_timeout_seconds
    max_instance_count               = var.batch_max_instances
    max_instance_request_concurrency = 1
    # Eventarc and Pub/Sub push reach it internally; nobody else may.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.batch[0].email
    environment_variables = merge(local.environment, local.native_environment, {
      SWITCHBOARD_BATCH_INPUT_BUCKET       = google_storage_bucket.batch["in"].name
      SWITCHBOARD_BATCH_OUTPUT_BUCKET      = google_storage_bucket.batch["out"].name
      SWITCHBOARD_BATCH_INPUT_PREFIX       = var.batch_input_prefix
      SWITCHBOARD_BATCH_CONTINUATION_TOPIC = google_pubsub_topic.batch_continue[0].name
      SWITCHBOARD_BATCH_INVOCATION_TIMEOUT = "${var.batch_timeout_seconds}s"
      SWITCHBOARD_BATCH_CONCURRENCY        = tostring(var.batch_concurrency)
    })

    dynamic "secret_environment_variables" {
      for_each = toset(var.mounted_secret_env_names)
      content {
        key        = secret_environment_variables.value
        project_id = var.project_id
        secret     = google_secret_manager_secret.provider_key[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.storage.object.v1.finalized"
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.batch[0].email
    event_filters {
      attribute = "bucket"
      value     = google_storage_bucket.batch["in"].name
    }
  }

  depends_on = [
    google_project_iam_member.batch_vertex_user,
    google_project_iam_member.batch_event_receiver,
    google_project_iam_member.gcs_publishes_events,
    google_secret_manager_secret_iam_member.batch_reads_secret,
  ]
}

# --- identity: Vertex project-wide (no finer resource exists), everything else on the resource itself ---

resource "google_service_account" "batch" {
  count        = local.batch
  account_id   = "${var.service_account_id}-batch"
  display_name = "Switchboard batch function (${local.batch_name})"
  description  = "Runtime and trigger identity of ${local.batch_name}: reads the input bucket, writes the output bucket, publishes continuations, calls Vertex AI."

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "batch_vertex_user" {
  count   = local.batch
  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.batch[0].email}"
}

# Eventarc delivers to a trigger only for an identity holding eventReceiver; the role grants no data access.
resource "google_project_iam_member" "batch_event_receiver" {
  count   = local.batch
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.batch[0].email}"
}

# Cloud Storage triggers need the project's Cloud Storage service agent to publish to Eventarc's topic.
resource "google_project_iam_member" "gcs_publishes_events" {
  count   = local.batch
  project = var.project_id
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${data.google_storage_project_service_account.gcs[0].email_address}"
}

resource "google_storage_bucket_iam_member" "batch_reads_input" {
  count  = local.batch
  bucket = google_storage_bucket.batch["in"].name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.batch[0].email}"
}

# objectAdmin: the engine lists, reads, creates (create-only via ifGenerationMatch=0) and replaces its state objects.
resource "google_storage_bucket_iam_member" "batch_writes_output" {
  count  = local.batch
  bucket = google_storage_bucket.batch["out"].name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.batch[0].email}"
}

resource "google_pubsub_topic_iam_member" "batch_publishes_continuations" {
  count  = local.batch
  topic  = google_pubsub_topic.batch_continue[0].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.batch[0].email}"
}

resource "google_secret_manager_secret_iam_member" "batch_reads_secret" {
  for_each  = var.enable_batch ? google_secret_manager_secret.provider_key : {}
  project   = var.project_id
  secret_id = each.value.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.batch[0].email}"
}

# The Eventarc trigger and the continuation push both call the function as the batch service account.
resource "google_cloud_run_service_iam_member" "batch_invoker" {
  count    = local.batch
  project  = var.project_id
  location = var.region
  service  = reverse(split("/", google_cloudfunctions2_function.batch[0].service_config[0].service))[0]
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.batch[0].email}"
}

locals {
  pubsub_agent = "serviceAccount:service-${one(data.google_project.this[*].number)}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Pub/Sub mints the push OIDC token for the batch service account, and moves dead letters.
resource "google_service_account_iam_member" "pubsub_mints_batch_token" {
  count              = local.batch
  service_account_id = google_service_account.batch[0].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

resource "google_pubsub_topic_iam_member" "pubsub_dead_letters" {
  count  = local.batch
  topic  = google_pubsub_topic.batch_dead_letter[0].id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "pubsub_forwards_dead_letters" {
  count        = local.batch
  subscription = google_pubsub_subscription.batch_continue[0].id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# --- alerts: a continuation given up on, or events failing (they are redelivered, but someone should look) ---

resource "google_monitoring_alert_policy" "batch_dead_letters" {
  count        = local.batch
  display_name = "${local.batch_name}: continuations in the dead-letter topic"
  combiner     = "OR"

  conditions {
    display_name = "undelivered dead letters > 0"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.batch_dead_letter[0].name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "60s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  notification_channels = var.notification_channels
}

resource "google_logging_metric" "batch_failed_events" {
  count       = local.batch
  name        = "switchboard/batch_failed_events"
  description = "Batch events the function failed (answered 5xx, to be redelivered)."
  filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${local.batch_name}\" AND severity>=ERROR AND textPayload:\"to be redelivered\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "batch_failed_events" {
  count        = local.batch
  display_name = "${local.batch_name}: failing events"
  combiner     = "OR"

  conditions {
    display_name = "failed batch events in 15 min > 5"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.batch_failed_events[0].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 5
      duration        = "0s"
      aggregations {
        alignment_period   = "900s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }

  notification_channels = var.notification_channels
}

output "batch_input_uri" {
  description = "Drop <prefix>*.jsonl files here to run them as batch jobs (null without enable_batch)."
  value       = var.enable_batch ? "gs://${google_storage_bucket.batch["in"].name}/${var.batch_input_prefix}" : null
}

output "batch_output_uri" {
  description = "Job state and results land here under <job id>/ (batch.json, output.jsonl, errors.jsonl)."
  value       = var.enable_batch ? "gs://${google_storage_bucket.batch["out"].name}/" : null
}

output "batch_continuation_topic" {
  description = "Pub/Sub topic jobs are handed on through."
  value       = var.enable_batch ? google_pubsub_topic.batch_continue[0].id : null
}

output "batch_dead_letter_subscription" {
  description = "Continuations given up on after 10 deliveries."
  value       = var.enable_batch ? google_pubsub_subscription.batch_dead_letter[0].id : null
}
