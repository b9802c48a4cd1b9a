terraform {
  # optional() object attributes and check blocks need >= 1.5; 1.6 is the floor we test against.
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.28 added aws_lambda_permission.invoked_via_function_url (cross-account Function URL callers).
      version = "~> 6.28"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Application = "switchboard", ManagedBy = "terraform" }, var.tags)
  }
}
