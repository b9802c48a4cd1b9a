output "function_uri" {
  description = "HTTPS URI of the function; callers send a Google-signed ID token for it as a bearer token."
  value       = google_cloudfunctions2_function.this.service_config[0].uri
}

output "function_name" {
  description = "Name of the Cloud Function."
  value       = google_cloudfunctions2_function.this.name
}

output "run_service_name" {
  description = "Short name of the Cloud Run service behind the function (target of run.invoker and of the CPU boost update)."
  value       = local.run_service_name
}

output "service_account_email" {
  description = "Runtime service account of the function."
  value       = google_service_account.function.email
}

output "secret_ids" {
  description = "Secret Manager secret id for each provider key env name; add versions out of band."
  value       = { for n, s in google_secret_manager_secret.provider_key : n => s.secret_id }
}

output "bigquery_dataset_id" {
  description = "Dataset that receives the cost records."
  value       = google_bigquery_dataset.costs.dataset_id
}

output "sink_writer_identity" {
  description = "Identity the logging sink writes to BigQuery as."
  value       = google_logging_project_sink.costs.writer_identity
}

output "cost_metric_type" {
  description = "Cloud Monitoring metric type of the cost distribution."
  value       = "logging.googleapis.com/user/${google_logging_metric.cost_usd.name}"
}

output "alert_policy_name" {
  description = "Resource name of the daily-cost alert policy."
  value       = google_monitoring_alert_policy.daily_cost.name
}

output "source_bucket" {
  description = "Bucket holding the function source archives."
  value       = google_storage_bucket.source.name
}

output "project_id" {
  description = "Project the function runs in."
  value       = var.project_id
}

output "region" {
  description = "Region of the function."
  value       = var.region
}

output "startup_cpu_boost" {
  description = "Whether deploy/gcp.sh should turn on startup CPU boost after apply."
  value       = var.startup_cpu_boost
}
