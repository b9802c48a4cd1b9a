# Gateway keys and/or the budget / rate-limit ledger in Firestore (auth_store / auth_ledger =
# firestore, i.e. switchboard.auth.store / .ledger): a dedicated Native-mode database, so the function's grant can be scoped to it.
# See README, "Gateway keys".

variable "auth_store" {
  description = "Where gateway keys live with auth_mode = \"keys\": \"config\" (entries in the auth-config secret; admin API read-only) or \"firestore\" (the database below; keys made through the admin API, none in the secret but admin-key-hash)."
  type        = string
  default     = "config"

  validation {
    condition     = contains(["config", "firestore"], var.auth_store)
    error_message = "auth_store must be \"config\" or \"firestore\"."
  }
}

variable "auth_firestore_database" {
  description = "Id of the Firestore database for gateway keys and the ledger (created by this module)."
  type        = string
  default     = "switchboard-auth"
}

variable "auth_firestore_location" {
  description = "Firestore location (e.g. eur3, nam5, or a region); default: the function's region."
  type        = string
  default     = null
}

locals {
  auth_firestore = var.auth_store == "firestore" || var.auth_ledger == "firestore"
  # The application's default collection prefix (switchboard.auth.firestore.prefix).
  auth_collection_prefix = "switchboard"

  # main.tf sets SWITCHBOARD_AUTH_LEDGER for redis only; the native store is set here.
  auth_store_environment = merge(
    var.auth_store == "firestore" ? { SWITCHBOARD_AUTH_STORE = "firestore" } : {},
    var.auth_ledger == "firestore" ? { SWITCHBOARD_AUTH_LEDGER = "firestore" } : {},
    local.auth_firestore ? {
      SWITCHBOARD_AUTH_FIRESTORE_PROJECT  = var.project_id
      SWITCHBOARD_AUTH_FIRESTORE_DATABASE = var.auth_firestore_database
    } : {},
  )
}

resource "google_project_service" "firestore" {
  count = local.auth_firestore && var.enable_apis ? 1 : 0

  service            = "firestore.googleapis.com"
  disable_on_destroy = false
}

resource "google_firestore_database" "auth" {
  count = local.auth_firestore ? 1 : 0

  project     = var.project_id
  name        = var.auth_firestore_database
  location_id = coalesce(var.auth_firestore_location, var.region)
  type        = "FIRESTORE_NATIVE"
  # Server client libraries lock what a transaction reads: admits for one key queue instead of aborting.
  concurrency_mode                  = "PESSIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"

  depends_on = [google_project_service.firestore]
}

# TTL policies: ledger rows (collection group "rows") and alert markers expire on their "expires" field.
resource "google_firestore_field" "rows_ttl" {
  count = local.auth_firestore ? 1 : 0

  project    = var.project_id
  database   = google_firestore_database.auth[0].name
  collection = "rows"
  field      = "expires"

  ttl_config {}
}

resource "google_firestore_field" "alerts_ttl" {
  count = local.auth_firestore ? 1 : 0

  project    = var.project_id
  database   = google_firestore_database.auth[0].name
  collection = "${local.auth_collection_prefix}_alerts"
  field      = "expires"

  ttl_config {}
}

# Firestore has no per-database IAM resource: roles are granted on the project. roles/datastore.user
# (document read/write, no admin, no index or database management) is the narrowest predefined
# role that can run transactions; the IAM condition limits it to this one database, so the
# function cannot touch any other Firestore/Datastore data in the project.
resource "google_project_iam_member" "auth_store" {
  count = local.auth_firestore ? 1 : 0

  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.function.email}"

  condition {
    title       = "switchboard-auth-database-only"
    description = "Only the gateway-key / ledger database."
    expression  = "resource.name == \"${google_firestore_database.auth[0].id}\" || resource.name.startsWith(\"${google_firestore_database.auth[0].id}/\")"
  }
}

output "auth_firestore_database" {
  description = "Firestore database of gateway keys and the ledger (null unless auth_store or auth_ledger is firestore)."
  value       = one(google_firestore_database.auth[*].name)
}
