#!/usr/bin/env bash
# Build the Quarkus Lambda package and apply terraform/aws.
#
#   deploy/aws.sh ENV.tfvars [extra terraform apply arguments, e.g. -auto-approve]
#
# Credentials come from the usual AWS chain (AWS_PROFILE, SSO, environment); none live here.
# SKIP_BUILD=1 reuses an existing src/aws-lambda/target/function.zip.
# TF_BACKEND_CONFIG=path passes a -backend-config file to terraform init.
# NATIVE=1 builds the native package (Quarkus container build in a Mandrel builder image: needs docker or podman)
# and deploys it with runtime = "native" (provided.al2023). Not verified on the machine this was written on.
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
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -pl src/aws-lambda -am package -DskipTests "${native_build[@]}"
fi
[[ -f "$package" ]] || die "$package was not built"

terraform_apply terraform/aws "$tfvars" -var "package_path=$package" "${native_var[@]}" "$@"

echo
echo "Function URL: $(terraform -chdir=terraform/aws output -raw function_url)"
echo "Provider keys go in secret $(terraform -chdir=terraform/aws output -raw secret_arn) (see terraform/aws/README.md)."
