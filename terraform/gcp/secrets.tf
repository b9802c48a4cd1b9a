# Terraform creates the secrets but never their values: add a version out of band
# (gcloud secrets versions add ...), then list the name in mounted_secret_env_names.
resource "google_secret_manager_secret" "provider_key" {
  for_each = local.secret_ids

  secret_id = each.value
  labels    = { switchboard-env = lower(each.key) }

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}
