data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  account_id  = data.aws_caller_identity.current.account_id
  package     = coalesce(var.package_path, "${path.module}/../../src/aws-lambda/target/function.zip")
  secret_name = coalesce(var.secret_name, "${var.function_name}/provider-keys")
  alias_name  = "live"
  # java25-aot and native bring their own runtime (bootstrap) and run on provided.al2023, where SnapStart does not apply
  custom_runtime = contains(["java25-aot", "native"], var.runtime)

  # Bedrock resources the role may invoke. A system inference profile is authorized twice: on the
  # profile in our region and on the foundation model in every region the profile may route to.
  bedrock_foundation_model_arns = [
    for m in var.bedrock_foundation_model_ids :
    "arn:${local.partition}:bedrock:${var.region}::foundation-model/${m}"
  ]
  bedrock_profile_arns = [
    for p in var.bedrock_inference_profiles :
    "arn:${local.partition}:bedrock:${var.region}:${local.account_id}:inference-profile/${p.id}"
  ]
  # A profile id is "<geo>.<foundation model id>", e.g. us.anthropic.claude-... -> anthropic.claude-...
  bedrock_profile_destination_arns = flatten([
    for p in var.bedrock_inference_profiles : [
      for r in p.destination_regions :
      "arn:${local.partition}:bedrock:${r}::foundation-model/${join(".", slice(split(".", p.id), 1, length(split(".", p.id))))}"
    ]
  ])
  bedrock_invoke_arns = distinct(concat(
    local.bedrock_foundation_model_arns,
    local.bedrock_profile_arns,
    local.bedrock_profile_destination_arns,
    var.bedrock_additional_model_arns,
  ))

  environment = merge(
    var.runtime == "native" || var.jvm_options == null ? {} : { JAVA_TOOL_OPTIONS = var.jvm_options },
    var.extra_environment,
    local.auth_store_environment,
    {
      SWITCHBOARD_SECRET_ARN             = aws_secretsmanager_secret.provider_keys.arn
      SWITCHBOARD_DEFAULT_TARGETS        = join(",", var.default_targets)
      SWITCHBOARD_COST_NAMESPACE         = var.cost_namespace
      SWITCHBOARD_AUTH_MODE              = var.auth_mode
      SWITCHBOARD_AUTH_ON_LEDGER_FAILURE = var.auth_on_ledger_failure
      # A few seconds under the function timeout: the gateway answers its own 504 and writes the attempt's
      # cost record before Lambda ends the invocation (README, "Limits").
      SWITCHBOARD_REQUEST_DEADLINE = "${max(1, var.timeout_seconds - 3)}s"
      # Not read by the application: changing it changes the configuration, which publishes a new
      # version and so takes a new SnapStart snapshot (see README, "Rotating provider keys").
      SWITCHBOARD_SNAPSHOT_GENERATION = var.snapshot_generation
    },
    var.log_level == null ? {} : { QUARKUS_LOG_LEVEL = var.log_level },
    # only when asked for, so a ledger chosen elsewhere (e.g. a native store) is not overridden
    var.auth_ledger == "redis" ? { SWITCHBOARD_AUTH_LEDGER = "redis" } : {},
    var.otlp_endpoint == null ? {} : {
      OTEL_EXPORTER_OTLP_ENDPOINT = var.otlp_endpoint
      OTEL_SERVICE_NAME           = var.function_name
      OTEL_TRACES_SAMPLER_ARG     = tostring(var.trace_sample_ratio)
    },
  )

  alarm_actions = concat(aws_sns_topic.alarms[*].arn, var.alarm_topic_arns)
}
