# Copy to e.g. prod.tfvars (ignored by git) and adjust; then: deploy/gcp.sh terraform/gcp/prod.tfvars
project_id    = "my-switchboard-project"
region        = "us-central1"
function_name = "switchboard"
memory        = "1Gi"
min_instances = 0
max_instances = 10

default_targets = ["vertex/gemini-2.5-flash"]

# Secrets are created for every name in secret_env_names; mount a name only once its secret has a
# version (gcloud secrets versions add switchboard-openai-api-key --data-file=-).
mounted_secret_env_names = []

invoker_members = ["serviceAccount:caller@my-switchboard-project.iam.gserviceaccount.com"]

daily_cost_alert_threshold_usd = 50
notification_channels          = []
