#!/usr/bin/env bash
# Build the Cloud Functions (2nd gen) deployment, zip it and apply terraform/gcp; then turn on
# startup CPU boost on the function's Cloud Run service, which the terraform resource cannot set.
#
#   deploy/gcp.sh ENV.tfvars [extra terraform apply arguments, e.g. -auto-approve]
#
# Credentials: terraform uses Application Default Credentials (gcloud auth application-default
# login, or a workload identity); gcloud uses its own login. None live here.
# SKIP_BUILD=1 reuses an existing src/gcp-functions/target/deployment (and src/gcp-batch/target/deployment).
# With enable_batch = true in ENV.tfvars the batch function (src/gcp-batch) is built and deployed too.
# TF_BACKEND_CONFIG=path passes a -backend-config file to terraform init.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && "$1" != -* ]] || die "usage: $0 ENV.tfvars [terraform apply args...]"
tfvars=$(resolve_tfvars "$1")
shift

require_cli terraform "Install Terraform >= 1.6."
require_cli gcloud "Install the Google Cloud CLI; it enables startup CPU boost after apply."
require_cli jar "A JDK (21+) is needed to build; its 'jar' tool zips the deployment."

root=$(repo_root)
cd "$root"

batch=0
grep -Eq '^[[:space:]]*enable_batch[[:space:]]*=[[:space:]]*true' "$tfvars" && batch=1
modules=src/gcp-functions
[[ $batch == 1 ]] && modules=src/gcp-functions,src/gcp-batch
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -pl "$modules" -am package -DskipTests
fi

# The zip holds the deployment directory's contents at its root, as the Java buildpack expects.
zip_deployment() {
  local deployment="$root/$1/target/deployment" archive="$root/$1/target/function-source.zip"
  compgen -G "$deployment/*.jar" >/dev/null || die "no jar in $deployment: the build did not produce the deployment directory"
  rm -f "$archive"
  jar --create --no-manifest --file "$archive" -C "$deployment" .
  echo "$archive"
}
archive=$(zip_deployment src/gcp-functions)
batch_args=()
[[ $batch == 1 ]] && batch_args=(-var "batch_source_zip_path=$(zip_deployment src/gcp-batch)")

terraform_apply terraform/gcp "$tfvars" -var "source_zip_path=$archive" "${batch_args[@]}" "$@"

out() { terraform -chdir=terraform/gcp output -raw "$1"; }

if [[ "$(out startup_cpu_boost)" == true ]]; then
  # Idempotent: creates a new revision only when the setting changes. Re-run after every apply,
  # because a function redeploy may roll out a revision without it.
  gcloud run services update "$(out run_service_name)" \
    --project "$(out project_id)" --region "$(out region)" --cpu-boost --quiet
fi

echo
echo "Function URI: $(out function_uri)"
echo "Add provider keys with: gcloud secrets versions add <secret id> --data-file=- (ids: terraform -chdir=terraform/gcp output secret_ids)"
if [[ $batch == 1 ]]; then
  echo "Batch jobs: drop *.jsonl files into $(out batch_input_uri);" \
    "results land under $(out batch_output_uri)<job id>/."
fi
