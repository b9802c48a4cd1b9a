# Optional second entry point: an HTTP API whose one $default route (IAM-authorized) proxies every
# path to the same alias. Quarkus reads the same 2.0 payload from it as from the Function URL.

resource "aws_apigatewayv2_api" "http" {
  count = var.enable_http_api ? 1 : 0

  name          = var.function_name
  description   = "Switchboard LLM gateway (IAM-authorized)"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "lambda" {
  count = var.enable_http_api ? 1 : 0

  api_id                 = aws_apigatewayv2_api.http[0].id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
  # HTTP APIs stop waiting after 30 s whatever the function timeout is.
  timeout_milliseconds = min(30000, var.timeout_seconds * 1000)
}

resource "aws_apigatewayv2_route" "default" {
  count = var.enable_http_api ? 1 : 0

  api_id             = aws_apigatewayv2_api.http[0].id
  route_key          = "$default"
  target             = "integrations/${aws_apigatewayv2_integration.lambda[0].id}"
  authorization_type = var.auth_mode == "keys" ? "NONE" : "AWS_IAM"
}

resource "aws_apigatewayv2_stage" "default" {
  count = var.enable_http_api ? 1 : 0

  api_id      = aws_apigatewayv2_api.http[0].id
  name        = "$default"
  auto_deploy = true
}

resource "aws_lambda_permission" "http_api" {
  count = var.enable_http_api ? 1 : 0

  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http[0].execution_arn}/*/*"
}
