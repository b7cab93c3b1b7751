# Plan-only tests: no AWS account, no emulator. Run: terraform init -backend=false && terraform test
mock_provider "aws" {
  override_during = plan
}

override_resource {
  target          = aws_s3_object.layer
  override_during = plan
  values = {
    version_id = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
  }
}

variables {
  layer_name       = "sluice-test-deps"
  zip_path         = "../../test/fixtures/dummy.zip"
  artifacts_bucket = "sluice-test-artifacts"
}

run "layer_is_published_from_s3" {
  command = plan

  assert {
    condition     = aws_s3_object.layer.source_hash == filemd5(var.zip_path) && aws_s3_object.layer.bucket == "sluice-test-artifacts"
    error_message = "The zip must be uploaded with a content hash, so a change re-uploads."
  }

  assert {
    condition     = aws_s3_object.layer.key == "layers/sluice-test-deps/${filesha256(var.zip_path)}.zip"
    error_message = "The object key must be content-addressed."
  }

  assert {
    condition = (
      aws_lambda_layer_version.this.s3_bucket == aws_s3_object.layer.bucket &&
      aws_lambda_layer_version.this.s3_key == aws_s3_object.layer.key &&
      aws_lambda_layer_version.this.s3_object_version == "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" &&
      aws_lambda_layer_version.this.source_code_hash == filebase64sha256(var.zip_path) &&
      aws_lambda_layer_version.this.filename == null
    )
    error_message = "The layer version must be published from the S3 object version."
  }

  assert {
    condition     = aws_lambda_layer_version.this.compatible_runtimes == toset(["java21"])
    error_message = "The layer targets java21."
  }

  assert {
    condition     = aws_lambda_layer_version.this.skip_destroy
    error_message = "A new layer version must not delete the old one, which other stacks may still use."
  }
}

run "rejects_non_zip" {
  command = plan

  variables {
    zip_path = "../../test/fixtures/layer.jar"
  }

  expect_failures = [var.zip_path]
}
