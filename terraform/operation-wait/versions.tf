# Terraform's built-ins only (terraform_data, terraform_remote_state, local-exec):
# `terraform init` downloads no provider.
terraform {
  required_version = ">= 1.4"
}
