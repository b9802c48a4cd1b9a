# Values are set out of band (see README); Terraform only owns the container.
resource "aws_secretsmanager_secret" "provider_keys" {
  name                    = local.secret_name
  description             = "Third-party LLM provider keys for ${var.function_name}: a JSON object such as {\"OPENAI_API_KEY\": \"...\"}"
  kms_key_id              = var.secret_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret_version" "initial" {
  # count cannot depend on a sensitive value; whether the map is empty is not secret.
  count = nonsensitive(length(var.initial_secret_values)) > 0 ? 1 : 0

  secret_id     = aws_secretsmanager_secret.provider_keys.id
  secret_string = jsonencode(var.initial_secret_values)

  lifecycle {
    # After the first version, rotation happens outside Terraform and must not be reverted.
    ignore_changes = [secret_string]
  }
}
