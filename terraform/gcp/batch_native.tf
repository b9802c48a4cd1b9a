# Native provider batch jobs (enable_batch and enable_native_batch): a job whose input object carries the custom
# metadata switchboard-mode = native (or auto, when it qualifies) runs as one Vertex AI batch prediction job at batch
# prices. The function writes the job's input to the "native" bucket under vertex/<job id>/, Vertex (as its service
# agent) reads it and writes the predictions there, and the function collects the results into the output bucket.
#
# Pub/Sub cannot hold a message back, so a job waiting on Vertex is not handed on: Cloud Scheduler publishes a poll
# message to the continuation topic every batch_poll_minutes, the push subscription delivers it to the function, and
# the poll runs every job waiting on a provider. Two polls at once are safe (the engine's leases).

locals {
  native = var.enable_batch && var.enable_native_batch ? 1 : 0
  # switchboard.providers.vertex.batch.* of the batch function (README "Native batch")
  native_environment = local.native == 0 ? {} : {
    SWITCHBOARD_PROVIDERS_VERTEX_BATCH_BUCKET = google_storage_bucket.batch["native"].name
    SWITCHBOARD_PROVIDERS_VERTEX_BATCH_PREFIX = "vertex/"
  }
  project_number = one(data.google_project.this[*].number)
}

# The function writes inputs, reads predictions and deletes what a failed create left.
resource "google_storage_bucket_iam_member" "batch_native_files" {
  count  = local.native
  bucket = google_storage_bucket.batch["native"].name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.batch[0].email}"
}

# Batch prediction reads the input and writes the output as the Vertex AI service agent; on this bucket only.
resource "google_storage_bucket_iam_member" "vertex_reads_native_input" {
  count  = local.native
  bucket = google_storage_bucket.batch["native"].name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:service-${local.project_number}@gcp-sa-aiplatform.iam.gserviceaccount.com"
}

resource "google_storage_bucket_iam_member" "vertex_writes_native_output" {
  count  = local.native
  bucket = google_storage_bucket.batch["native"].name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:service-${local.project_number}@gcp-sa-aiplatform.iam.gserviceaccount.com"
}

resource "google_cloud_scheduler_job" "batch_poll" {
  count       = local.native
  name        = "${local.batch_name}-poll"
  region      = var.region
  description = "Runs the batch jobs waiting on a provider batch job (GcpBatchEvents.POLL_TYPE)"
  schedule    = var.batch_poll_minutes == 60 ? "0 * * * *" : "*/${var.batch_poll_minutes} * * * *"
  time_zone   = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.batch_continue[0].id
    data       = base64encode(jsonencode({ type = "switchboard.batch.poll" }))
  }

  depends_on = [google_project_service.apis, google_pubsub_topic_iam_member.scheduler_publishes_polls]
}

# Cloud Scheduler publishes as its service agent; on the continuation topic only.
resource "google_pubsub_topic_iam_member" "scheduler_publishes_polls" {
  count  = local.native
  topic  = google_pubsub_topic.batch_continue[0].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${local.project_number}@gcp-sa-cloudscheduler.iam.gserviceaccount.com"
}

output "batch_native_uri" {
  description = "Files exchanged with Vertex AI batch prediction jobs (null without enable_batch and enable_native_batch)."
  value       = local.native == 0 ? null : "gs://${google_storage_bucket.batch["native"].name}/vertex/"
}

output "batch_poll_job" {
  description = "The Cloud Scheduler job that polls jobs waiting on a provider (null without native batch)."
  value       = local.native == 0 ? null : google_cloud_scheduler_job.batch_poll[0].id
}
