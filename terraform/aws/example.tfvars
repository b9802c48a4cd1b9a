# Copy to e.g. prod.tfvars (ignored by git) and adjust; then: deploy/aws.sh terraform/aws/prod.tfvars
region        = "us-east-1"
function_name = "switchboard"
architecture  = "arm64"
memory_mb     = 1024

default_targets = ["bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"]

bedrock_inference_profiles = [
  {
    id                  = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    destination_regions = ["us-east-1", "us-east-2", "us-west-2"]
  },
]
bedrock_foundation_model_ids = ["amazon.nova-pro-v1:0"]

daily_cost_alarm_threshold_usd = 50
create_alarm_topic             = true
alarm_email_addresses          = ["oncall@example.com"]

enable_http_api = false
