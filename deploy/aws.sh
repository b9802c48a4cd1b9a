#!/usr/bin/env bash
# Build the Quarkus Lambda package and apply terraform/aws.
#
#   deploy/aws.sh ENV.tfvars [extra terraform apply arguments, e.g. -auto-approve]
#
# Credentials come from the usual AWS chain (AWS_PROFILE, SSO, environment); none live here.
# SKIP_BUILD=1 reuses an existing src/aws-lambda/target/function.zip (and src/aws-batch/target/function.zip).
# With enable_batch = true in ENV.tfvars the batch function (src/aws-batch) is built and deployed too.
# TF_BACKEND_CONFIG=path passes a -backend-config file to terraform init.
# SECRET_FILE=keys.json first stores a new version of the provider-key secret (a JSON object of env-style names),
#   then publishes a new function version: with SnapStart the keys live in the snapshot of the version whose init
#   read them, so only a new published version re-reads the secret (terraform/aws/README.md, "Rotating provider keys").
# NATIVE=1 builds the native package (Quarkus container build in a Mandrel builder image: needs docker or podman)
# and deploys it with runtime = "native" (provided.al2023). Not verified on the machine this was written on.
# AOT=1 also builds the java25-aot package (deploy/lambda-aot.sh: its own JDK 25 and a trained AOT cache; JAVA_HOME must be
# a JDK 25 for the function's architecture) and deploys it with runtime = "java25-aot" (provided.al2023); ENV.tfvars
# must set package_bucket (the package is ~90 MB, over Lambda's 50 MB direct upload).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && "$1" != -* ]] || die "usage: $0 ENV.tfvars [terraform apply args...]"
tfvars=$(resolve_tfvars "$1")
shift

require_cli terraform "Install Terraform >= 1.6."
require_cli aws "Install the AWS CLI v2; it is used to confirm which account you are deploying to."

root=$(repo_root)
cd "$root"

identity=$(aws sts get-caller-identity --query 'Arn' --output text) || die "no usable AWS credentials (aws sts get-caller-identity failed)"
echo "Deploying as $identity"

package="$root/src/aws-lambda/target/function.zip"
native_build=() native_var=()
if [[ "${NATIVE:-0}" == 1 ]]; then
  native_build=(-Dnative -Dquarkus.native.container-build=true -Dquarkus.native.builder-image=mandrel)
  native_var=(-var runtime=native)
fi
batch_package="$root/src/aws-batch/target/function.zip"
batch=0
grep -Eq '^[[:space:]]*enable_batch[[:space:]]*=[[:space:]]*true' "$tfvars" && batch=1
modules=src/aws-lambda
[[ $batch == 1 ]] && modules=src/aws-lambda,src/aws-batch
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -pl "$modules" -am package -DskipTests "${native_build[@]}"
fi
[[ -f "$package" ]] || die "$package was not built"
if [[ "${AOT:-0}" == 1 ]]; then
  [[ "${NATIVE:-0}" != 1 ]] || die "AOT=1 and NATIVE=1 are two different packages: choose one"
  grep -Eq '^[[:space:]]*package_bucket[[:space:]]*=' "$tfvars" || die "AOT=1 needs package_bucket in $tfvars (the package is over 50 MB)"
  # the package carries this machine's JDK and native libraries: it runs only on a function of the same architecture
  arch=$(sed -nE 's/^[[:space:]]*architecture[[:space:]]*=[[:space:]]*"([a-z0-9_]+)".*/\1/p' "$tfvars" | tail -1)
  arch=${arch:-arm64}
  here=$(uname -m); [[ "$here" == aarch64 ]] && here=arm64
  [[ "$arch" == "$here" ]] || die "AOT=1 builds for this machine ($here) but $tfvars deploys architecture $arch: build on a $arch machine, or set architecture = \"$here\""
  SKIP_BUILD=1 "$root/deploy/lambda-aot.sh"
  package="$root/src/aws-lambda/target/function-aot.zip"
  native_var=(-var runtime=java25-aot)
fi
batch_args=()
if [[ $batch == 1 ]]; then
  [[ -f "$batch_package" ]] || die "$batch_package was not built"
  batch_args=(-var "batch_package_path=$batch_package")
fi

generation=()
if [[ -n "${SECRET_FILE:-}" ]]; then
  [[ -f "$SECRET_FILE" ]] || die "SECRET_FILE=$SECRET_FILE does not exist"
  secret_arn=$(terraform -chdir=terraform/aws output -raw secret_arn 2>/dev/null) \
    || die "no secret_arn output yet: deploy once without SECRET_FILE first"
  version=$(aws secretsmanager put-secret-value --secret-id "$secret_arn" --secret-string "file://$SECRET_FILE" \
    --query VersionId --output text) || die "put-secret-value failed"
  echo "Stored secret version $version; publishing a new function version to read it."
  # a new snapshot_generation changes the configuration, which publishes a new version (and a new snapshot)
  generation=(-var "snapshot_generation=$version")
fi

terraform_apply terraform/aws "$tfvars" -var "package_path=$package" "${generation[@]}" "${batch_args[@]}" "${native_var[@]}" "$@"

echo
echo "Function URL: $(terraform -chdir=terraform/aws output -raw function_url)"
if [[ $batch == 1 ]]; then
  echo "Batch jobs: drop *.jsonl files into $(terraform -chdir=terraform/aws output -raw batch_input_uri);" \
    "results land under $(terraform -chdir=terraform/aws output -raw batch_output_uri)<job id>/."
fi
echo "Provider keys go in secret $(terraform -chdir=terraform/aws output -raw secret_arn) (see terraform/aws/README.md)."
