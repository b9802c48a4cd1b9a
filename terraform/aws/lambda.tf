resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = local.custom_runtime ? "Switchboard LLM gateway (Quarkus, ${var.runtime})" : "Switchboard LLM gateway (Quarkus, SnapStart)"
  role          = aws_iam_role.exec.arn

  # direct upload, or from package_bucket (over 50 MB: java25-aot)
  filename         = var.package_bucket == null ? local.package : null
  s3_bucket        = var.package_bucket
  s3_key           = var.package_bucket == null ? null : aws_s3_object.package[0].key
  source_code_hash = filebase64sha256(local.package)
  runtime          = local.custom_runtime ? "provided.al2023" : var.runtime
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds

  reserved_concurrent_executions = var.reserved_concurrency == null ? -1 : var.reserved_concurrency

  # an OpenTelemetry collector beside the function (README, "Telemetry"); the app exports to it over localhost
  layers = var.adot_layer_arn == null ? [] : [var.adot_layer_arn]

  # SnapStart snapshots a published version, so every change publishes one and the alias follows it.
  # The managed Java runtimes only: java25-aot and native (provided.al2023) start without it.
  publish = true

  dynamic "snap_start" {
    for_each = local.custom_runtime ? [] : ["java"]
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

  lifecycle {
    precondition {
      condition     = var.runtime != "java25-aot" || var.package_bucket != null
      error_message = "runtime java25-aot deploys a ~90 MB package (its own JDK and AOT cache): set package_bucket, Lambda takes at most 50 MB by direct upload."
    }
  }

  # The snapshot is taken while publishing, after the init phase has run (and read the secret), so
  # the role's permissions and the log group must exist first.
  depends_on = [
    aws_iam_role_policy.exec,
    aws_cloudwatch_log_group.this,
  ]
}

# The package in package_bucket; its key changes with its content, so a new package is a new object and a code update
resource "aws_s3_object" "package" {
  count  = var.package_bucket == null ? 0 : 1
  bucket = var.package_bucket
  key    = "${var.function_name}/${filemd5(local.package)}.zip"
  source = local.package
  etag   = filemd5(local.package)
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
