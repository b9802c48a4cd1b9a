locals {
  # A 2nd gen function logs as its Cloud Run revision; the app labels each cost record.
  cost_record_filter = join(" AND ", [
    "resource.type=\"cloud_run_revision\"",
    # the HTTP function and, with enable_batch, the batch function (its records carry batch_job_id)
    "resource.labels.service_name=(\"${var.function_name}\" OR \"${var.function_name}-batch\")",
    "labels.switchboard_record=\"cost\"",
  ])

  record_labels = ["provider", "model", "route", "outcome"]

  cost_metric_name = "switchboard/cost_usd"
  # PromQL name of the metric's sum: first "/" becomes ":", every other special character "_".
  cost_metric_promql = "logging_googleapis_com:user_${replace(local.cost_metric_name, "/", "_")}_sum"
}

# Distribution of cost_usd per attempt. Records whose cost_usd is null (no price known) carry no
# value and are left out; switchboard/unpriced_attempts counts them so the gap stays visible.
resource "google_logging_metric" "cost_usd" {
  name        = local.cost_metric_name
  description = "Upstream cost in USD per Switchboard attempt (jsonPayload.cost_usd)."
  filter      = local.cost_record_filter

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "DISTRIBUTION"
    unit         = "1"
    display_name = "Switchboard cost (USD)"

    dynamic "labels" {
      for_each = toset(local.record_labels)
      content {
        key        = labels.value
        value_type = "STRING"
      }
    }
  }

  value_extractor  = "EXTRACT(jsonPayload.cost_usd)"
  label_extractors = { for l in local.record_labels : l => "EXTRACT(labels.${l})" }

  bucket_options {
    # 1e-6 USD up to ~1e6 USD in doublings; the sum, which alerts use, is exact regardless.
    exponential_buckets {
      num_finite_buckets = 40
      growth_factor      = 2
      scale              = 0.000001
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_logging_metric" "attempts" {
  name        = "switchboard/attempts"
  description = "Switchboard upstream attempts by provider, model, route and outcome."
  filter      = local.cost_record_filter

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Switchboard attempts"

    dynamic "labels" {
      for_each = toset(local.record_labels)
      content {
        key        = labels.value
        value_type = "STRING"
      }
    }
  }

  label_extractors = { for l in local.record_labels : l => "EXTRACT(labels.${l})" }

  depends_on = [google_project_service.apis]
}

resource "google_logging_metric" "unpriced_attempts" {
  name        = "switchboard/unpriced_attempts"
  description = "Switchboard attempts whose cost could not be priced (cost_usd null)."
  filter      = "${local.cost_record_filter} AND jsonPayload.cost_usd = NULL_VALUE"

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Switchboard unpriced attempts"

    labels {
      key        = "provider"
      value_type = "STRING"
    }
    labels {
      key        = "model"
      value_type = "STRING"
    }
  }

  label_extractors = {
    provider = "EXTRACT(labels.provider)"
    model    = "EXTRACT(labels.model)"
  }

  depends_on = [google_project_service.apis]
}

# Threshold conditions cannot compare a distribution's sum, so the alert uses PromQL on the
# metric's _sum series: the spend over the trailing 24 hours.
resource "google_monitoring_alert_policy" "daily_cost" {
  display_name = "${var.function_name}: daily upstream cost above ${var.daily_cost_alert_threshold_usd} USD"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "Sum of cost_usd over 24 h > ${var.daily_cost_alert_threshold_usd} USD"

    condition_prometheus_query_language {
      query               = "sum(increase(${local.cost_metric_promql}{monitored_resource=\"cloud_run_revision\"}[1d])) > ${var.daily_cost_alert_threshold_usd}"
      duration            = "0s"
      evaluation_interval = "300s"
    }
  }

  notification_channels = var.notification_channels

  alert_strategy {
    auto_close = "86400s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Switchboard's upstream spend over the last 24 hours passed the threshold. Break it down by provider and model with the `switchboard/cost_usd` metric, or exactly in BigQuery dataset `${var.bigquery_dataset_id}`."
  }

  depends_on = [google_logging_metric.cost_usd]
}

resource "google_bigquery_dataset" "costs" {
  dataset_id  = var.bigquery_dataset_id
  location    = var.bigquery_location
  description = "Switchboard cost records (one row per upstream attempt), written by the logging sink."

  default_partition_expiration_ms = var.bigquery_table_expiration_days == null ? null : var.bigquery_table_expiration_days * 86400000
  delete_contents_on_destroy      = false

  depends_on = [google_project_service.apis]
}

resource "google_logging_project_sink" "costs" {
  name        = "${var.function_name}-cost-records"
  description = "Every Switchboard cost record into BigQuery."
  destination = "bigquery.googleapis.com/projects/${var.project_id}/datasets/${google_bigquery_dataset.costs.dataset_id}"
  filter      = local.cost_record_filter

  # A sink-specific identity, granted write access to this dataset only.
  unique_writer_identity = true

  bigquery_options {
    use_partitioned_tables = true
  }
}

resource "google_bigquery_dataset_iam_member" "sink_writer" {
  dataset_id = google_bigquery_dataset.costs.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = google_logging_project_sink.costs.writer_identity
}
