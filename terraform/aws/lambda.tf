resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = "Switchboard LLM gateway (Quarkus, SnapStart)"
  role          = aws_iam_role.exec.arn

  filename         = local.package
  source_code_hash = filebase64sha256(local.package)
  runtime          = var.runtime == "native" ? "provided.al2023" : var.runtime
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds

  reserved_concurrent_executions = var.reserved_concurrency == null ? -1 : var.reserved_concurrency

  # an OpenTelemetry collector beside the function (README, "Telemetry"); the app exports to it over localhost
  layers = var.adot_layer_arn == null ? [] : [var.adot_layer_arn]

  # SnapStart snapshots a published version, so every change publishes one and the alias follows it.
  # The Java runtimes only: a native build (provided.al2023) starts without it.
  publish = true

  dynamic "snap_start" {
    for_each = var.runtime == "native" ? [] : ["java"]
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = local.environment
  }

  logging_config {
    # Text keeps each stdout line a log event of its own, which is what EMF extraction reads.
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  # The snapshot is taken while publishing, after the init phase has run (and read the secret), so
  # the role's permissions and the log group must exist first.
  depends_on = [
    aws_iam_role_policy.exec,
    aws_cloudwatch_log_group.this,
  ]
}

resource "aws_lambda_alias" "live" {
  name             = local.alias_name
  description      = "Latest published (SnapStart) version; every entry point targets this alias."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_lambda_function_url" "live" {
  function_name      = aws_lambda_function.this.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = var.auth_mode == "keys" ? "NONE" : "AWS_IAM"
  # The Java managed runtime cannot stream responses.
  invoke_mode = "BUFFERED"

  dynamic "cors" {
    for_each = var.function_url_cors == null ? [] : [var.function_url_cors]
    content {
      allow_origins     = cors.value.allow_origins
      allow_methods     = cors.value.allow_methods
      allow_headers     = cors.value.allow_headers
      expose_headers    = cors.value.expose_headers
      allow_credentials = cors.value.allow_credentials
      max_age           = cors.value.max_age
    }
  }
}

# Cross-account callers need a resource policy in addition to their own identity policy. Since
# October 2025 a Function URL call is authorized on both lambda:InvokeFunctionUrl and
# lambda:InvokeFunction (the latter flagged as coming through the URL).
resource "aws_lambda_permission" "url_invoke_url" {
  for_each = toset(var.url_invoker_principals)

  statement_id           = "FunctionUrl-${substr(sha1(each.value), 0, 12)}"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.this.function_name
  qualifier              = aws_lambda_alias.live.name
  principal              = each.value
  function_url_auth_type = "AWS_IAM"
}

resource "aws_lambda_permission" "url_invoke_function" {
  for_each = toset(var.url_invoker_principals)

  statement_id             = "FunctionUrlInvoke-${substr(sha1(each.value), 0, 12)}"
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.this.function_name
  qualifier                = aws_lambda_alias.live.name
  principal                = each.value
  invoked_via_function_url = true
}
