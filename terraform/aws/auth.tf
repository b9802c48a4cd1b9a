# Gateway keys (README "Gateway keys"). auth_mode = "iam": callers SigV4-sign (today's behaviour).
# auth_mode = "keys": the Function URL (and HTTP API route) are public and the gateway itself checks
# the key every OpenAI / Anthropic SDK already sends; key hashes, limits and the admin key hash are
# entries of the provider-keys secret, e.g. "switchboard.auth.keys.app1.hash": "sha256:...".

# Anyone may reach the URL; the gateway answers 401 without a valid key. Since October 2025 a
# public Function URL needs both permissions.
resource "aws_lambda_permission" "public_url" {
  count = var.auth_mode == "keys" ? 1 : 0

  statement_id           = "PublicFunctionUrlGatewayKeys"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.this.function_name
  qualifier              = aws_lambda_alias.live.name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "public_url_invoke" {
  count = var.auth_mode == "keys" ? 1 : 0

  statement_id             = "PublicFunctionUrlInvokeGatewayKeys"
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.this.function_name
  qualifier                = aws_lambda_alias.live.name
  principal                = "*"
  invoked_via_function_url = true
}
