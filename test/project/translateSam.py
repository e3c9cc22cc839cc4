"""Translates a SAM template to CloudFormation with AWS's own SAM translator.

Usage: python3 translateSam.py TEMPLATE [KEY=VALUE ...]   (parameter values)
Prints the CloudFormation template as JSON on stdout; exits 3 when samtranslator
is not installed, 1 with the translator's message when translation fails.

Like `sam validate`, local code and definition paths are swapped for S3 URIs before
translating (the translator accepts nothing else) and swapped back afterwards, as
absolute paths, in the places `aws cloudformation package` reads local paths from:
Lambda `Code`, layer `Content`, and a state machine's `DefinitionS3Location`.
"""
import json
import os
import sys

# The translator reads the region from the AWS environment; nothing is sent anywhere.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    sys.exit(3)

LOCAL_BUCKET = "stratus-local"
LOCAL_PATH_PROPERTIES = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Serverless::StateMachine": "DefinitionUri",
}


class NoManagedPolicies:
    """The translator asks IAM for managed policy ARNs only when a template names one."""

    def load(self):
        return {}


def to_s3(value):
    if isinstance(value, str) and not value.startswith("s3://"):
        return f"s3://{LOCAL_BUCKET}/{value}"
    return value


def from_s3(location, bucket_key, key_key, root):
    if isinstance(location, dict) and location.get(bucket_key) == LOCAL_BUCKET:
        return os.path.join(root, location[key_key])
    return location


def main():
    template_path = os.path.abspath(sys.argv[1])
    parameters = dict(arg.split("=", 1) for arg in sys.argv[2:])
    root = os.path.dirname(template_path)
    with open(template_path, encoding="utf-8") as file:
        template = yaml_parse(file.read())
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = to_s3(function_globals["CodeUri"])
    for resource in template.get("Resources", {}).values():
        key = LOCAL_PATH_PROPERTIES.get(resource.get("Type"))
        properties = resource.get("Properties", {})
        if key and key in properties:
            properties[key] = to_s3(properties[key])
    try:
        translated = transform(template, parameters, NoManagedPolicies())
    except Exception as error:  # the translator's own exceptions carry the message
        print(getattr(error, "message", str(error)), file=sys.stderr)
        sys.exit(1)
    for resource in translated.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        kind = resource.get("Type")
        if kind == "AWS::Lambda::Function" and "Code" in properties:
            properties["Code"] = from_s3(properties["Code"], "S3Bucket", "S3Key", root)
        elif kind == "AWS::Lambda::LayerVersion" and "Content" in properties:
            properties["Content"] = from_s3(properties["Content"], "S3Bucket", "S3Key", root)
        elif kind == "AWS::StepFunctions::StateMachine" and "DefinitionS3Location" in properties:
            properties["DefinitionS3Location"] = from_s3(properties["DefinitionS3Location"], "Bucket", "Key", root)
    json.dump(translated, sys.stdout, indent=1)


main()
