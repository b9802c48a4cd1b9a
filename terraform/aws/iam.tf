# Every policy in this module is an aws_iam_policy_document with literal action lists, so
# terraform/test/check.mjs can prove that no action contains a wildcard.

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    sid     = "LambdaAssumesExecutionRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "exec" {
  name               = "${var.function_name}-exec"
  description        = "Execution role of the ${var.function_name} Lambda function"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

# What both functions (HTTP and batch) need to reach providers: the configured Bedrock models and the keys secret.
data "aws_iam_policy_document" "provider_access" {
  statement {
    sid    = "InvokeConfiguredBedrockModels"
    effect = "Allow"
    # Converse/ConverseStream calls are authorized as InvokeModel/InvokeModelWithResponseStream;
    # the Converse names are listed as well so the policy reads as the API the code calls.
    actions = [
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
      "bedrock:Converse",
      "bedrock:ConverseStream",
    ]
    resources = local.bedrock_invoke_arns
  }

  statement {
    sid    = "DiscoverBedrockModels"
    effect = "Allow"
    # The one wildcard *resource*: List* calls have no resource type in IAM (the Service
    # Authorization Reference lists none), so "*" is the only value they accept. The actions
    # stay explicit and read-only.
    actions = [
      "bedrock:ListFoundationModels",
      "bedrock:ListInferenceProfiles",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ReadProviderKeys"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.provider_keys.arn]
  }

  dynamic "statement" {
    for_each = var.secret_kms_key_arn == null ? [] : [var.secret_kms_key_arn]
    content {
      sid       = "DecryptProviderKeysThroughSecretsManager"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }
}

data "aws_iam_policy_document" "exec" {
  source_policy_documents = [data.aws_iam_policy_document.provider_access.json]

  statement {
    sid    = "WriteOwnLogGroup"
    effect = "Allow"
    # The log group itself is created by Terraform, so no logs:CreateLogGroup.
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "exec" {
  name   = "${var.function_name}-exec"
  role   = aws_iam_role.exec.id
  policy = data.aws_iam_policy_document.exec.json

  lifecycle {
    precondition {
      condition     = length(local.bedrock_invoke_arns) > 0
      error_message = "Configure at least one Bedrock model: bedrock_foundation_model_ids, bedrock_inference_profiles or bedrock_additional_model_arns."
    }
  }
}

# What a caller needs: attach this policy to the roles or users that call Switchboard.
data "aws_iam_policy_document" "invoke" {
  statement {
    sid    = "CallFunctionUrl"
    effect = "Allow"
    # Both are evaluated for a Function URL call (lambda:InvokeFunction since October 2025).
    actions = [
      "lambda:InvokeFunctionUrl",
      "lambda:InvokeFunction",
    ]
    resources = [aws_lambda_alias.live.arn]
  }

  dynamic "statement" {
    for_each = var.enable_http_api ? [1] : []
    content {
      sid       = "CallHttpApi"
      effect    = "Allow"
      actions   = ["execute-api:Invoke"]
      resources = ["${aws_apigatewayv2_api.http[0].execution_arn}/*"]
    }
  }
}

resource "aws_iam_policy" "invoke" {
  count = var.create_invoker_policy ? 1 : 0

  name        = "${var.function_name}-invoke"
  description = "Call the ${var.function_name} Function URL${var.enable_http_api ? " and HTTP API" : ""}"
  policy      = data.aws_iam_policy_document.invoke.json
}
