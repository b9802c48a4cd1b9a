# The function runs as its own service account with one project-level role. Everything else it
# touches is granted on the resource itself.
resource "google_service_account" "function" {
  account_id   = var.service_account_id
  display_name = "Switchboard function (${var.function_name})"
  description  = "Runtime identity of the ${var.function_name} Cloud Function: calls Vertex AI and reads its provider-key secrets."

  depends_on = [google_project_service.apis]
}

# Vertex AI has no finer-grained resource to bind on: predictions run against publisher models
# that live outside the project, so the grant is project-level by necessity.
resource "google_project_iam_member" "vertex_user" {
  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.function.email}"
}

# Mounting a secret as an environment variable resolves it with the runtime service account when
# an instance starts, so that account needs secretAccessor on each secret, and on nothing else.
resource "google_secret_manager_secret_iam_member" "function_reads_secret" {
  for_each = google_secret_manager_secret.provider_key

  project   = var.project_id
  secret_id = each.value.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function.email}"
}

# A 2nd gen function is served by Cloud Run, which is where invocation is authorized: run.invoker
# on that service is what lets a caller through (cloudfunctions.invoker only covers 1st gen).
resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = toset(var.invoker_members)

  project  = var.project_id
  location = var.region
  service  = local.run_service_name
  role     = "roles/run.invoker"
  member   = each.value
}
