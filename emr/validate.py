#!/usr/bin/python3
"""Validates lakeml's EMR definitions offline against the real AWS API models.

Uses the botocore that Debian's awscli package bundles (awscli.botocore): its ParamValidator
checks every request against the service model (required members, types, enums, unknown keys),
the same check the CLI runs before sending anything. ${VAR} placeholders are filled with
plausible values first. Exits 1 naming every problem.

    /usr/bin/python3 emr/validate.py
"""
import glob
import json
import os
import re
import sys

from awscli.botocore import session as botocore_session
from awscli.botocore.validate import ParamValidator

HERE = os.path.dirname(os.path.abspath(__file__))
VALUES = {
    "LAKEML_BUCKET": "example-lake",
    "LAKEML_VERSION": "0.1.0",
    "LAKEML_PIPELINE": "fraud",
    "SPARK_DYNAMIC_ALLOCATION": "false",
    "LAKEML_ENV": "emr",
    "RUN_DATE": "2026-11-01",
    "EMR_CLUSTER_ID": "j-ABCDEFGH1234",
    "EMR_SERVERLESS_APP_ID": "00fabcdefghij012",
    "LAKEML_JOB_ROLE_ARN": "arn:aws:iam::123456789012:role/lakeml-job",
    "EMR_RELEASE_LABEL": "emr-7.5.0",
    "EMR_SUBNET_ID": "subnet-0123456789abcdef0",
    "EMR_INSTANCE_PROFILE": "EMR_EC2_DefaultRole",
    "EMR_SERVICE_ROLE": "EMR_DefaultRole",
    "EMR_SECURITY_CONFIGURATION": "lakeml-sse-kms",
    "LAKEML_KMS_KEY_ARN": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "STATE_MACHINE_ARN": "arn:aws:states:eu-west-1:123456789012:stateMachine:lakeml-pipeline",
    "EVENTS_ROLE_ARN": "arn:aws:iam::123456789012:role/lakeml-events",
    "AWS_REGION": "eu-west-1",
    "AWS_ACCOUNT_ID": "123456789012",
}


def load(path):
    text = re.sub(r"\$\{([A-Z_]+)\}", lambda m: VALUES[m.group(1)], open(path).read())
    return json.loads(text)


def enum_errors(value, shape, path="request"):
    """ParamValidator checks members and types but not enum values: walk the shape for those."""
    errors = []
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for key, member in shape.members.items():
            if key in value:
                errors += enum_errors(value[key], member, f"{path}.{key}")
    elif kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            errors += enum_errors(item, shape.member, f"{path}[{i}]")
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            errors += enum_errors(item, shape.value, f"{path}.{key}")
    elif kind == "string" and getattr(shape, "enum", None) and value not in shape.enum:
        errors.append(f"{path}: '{value}' is not one of {shape.enum}")
    return errors


LAKE_DATABASES = ("curated", "quarantine", "predictions")
NEVER_DELETED = ("/lake/models/", "/lake/runs/", "/lake/reports/")


def iam_problems(policy, maintenance):
    """What makes a job role's policy broader than its job: each property docs/operations.md promises."""
    found = []
    statements = policy.get("Statement", [])
    if policy.get("Version") != "2012-10-17":
        found.append("Version is not 2012-10-17")
    for st in statements:
        sid = st.get("Sid", "?")
        actions = st.get("Action") if isinstance(st.get("Action"), list) else [st.get("Action")]
        resources = st.get("Resource") if isinstance(st.get("Resource"), list) else [st.get("Resource")]
        if not all(actions) or any(r in (None, "*") or r.endswith(":*") for r in resources):
            found.append(f"{sid}: a wildcard or missing action or resource")
        if st.get("Effect") == "Allow" and "s3:ListBucket" in actions:
            prefixes = st.get("Condition", {}).get("StringLike", {}).get("s3:prefix")
            if not prefixes or "*" in prefixes:
                found.append(f"{sid}: s3:ListBucket without an s3:prefix condition")
        if st.get("Effect") == "Allow" and "s3:DeleteObject" in actions:
            if any(p in r for r in resources for p in NEVER_DELETED):
                found.append(f"{sid}: deletes under models/, runs/ or reports/")
        if st.get("Effect") == "Allow" and any(a.startswith("kms:") for a in actions):
            if resources != [VALUES["LAKEML_KMS_KEY_ARN"]]:
                found.append(f"{sid}: KMS beyond the lake's key")
        if any(a.startswith("glue:") for a in actions):
            for r in resources:
                tail = r.split(":", 5)[-1]
                db = tail.split("/")[1] if "/" in tail else None
                if tail != "catalog" and db not in LAKE_DATABASES:
                    found.append(f"{sid}: Glue beyond the lake's databases: {r}")
    denies = [st for st in statements if st.get("Effect") == "Deny" and "s3:PutObject" in
              (st.get("Action") if isinstance(st.get("Action"), list) else [st.get("Action")])]
    conditions = json.dumps([d.get("Condition", {}) for d in denies])
    if '"s3:x-amz-server-side-encryption": "aws:kms"' not in conditions or VALUES["LAKEML_KMS_KEY_ARN"] not in conditions:
        found.append("no Deny of PutObject without SSE-KMS under the lake's key")
    deletes = [st for st in statements if st.get("Effect") == "Allow" and "s3:DeleteObject" in st.get("Action", [])]
    if maintenance and not deletes:
        found.append("the maintenance role cannot delete expired files")
    return found


# The single job role lakeml had before the roles were split: its checks must find its faults (a
# list of the whole bucket, deletes on models/ and runs/, no SSE-KMS condition), or they check
# nothing.
TOO_BROAD = {"Version": "2012-10-17", "Statement": [{"Sid": "ListLakeBucket", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": "arn:aws:s3:::${LAKEML_BUCKET}"}, {"Sid": "ReadRawArtifactsAndLake", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::${LAKEML_BUCKET}/artifacts/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/raw/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/curated/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/quarantine/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/features/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/models/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/predictions/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/reports/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/runs/*"]}, {"Sid": "WriteOutputZonesOnly", "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], "Resource": ["arn:aws:s3:::${LAKEML_BUCKET}/lake/curated/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/quarantine/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/features/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/models/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/predictions/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/reports/*", "arn:aws:s3:::${LAKEML_BUCKET}/lake/runs/*", "arn:aws:s3:::${LAKEML_BUCKET}/spark-events/*"]}, {"Sid": "ListMultipartUploadsForTheMagicCommitter", "Effect": "Allow", "Action": ["s3:ListBucketMultipartUploads"], "Resource": "arn:aws:s3:::${LAKEML_BUCKET}"}, {"Sid": "KmsForSseKms", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], "Resource": "${LAKEML_KMS_KEY_ARN}"}]}


def main():
    faults = iam_problems(json.loads(re.sub(r"\$\{([A-Z_]+)\}", lambda m: VALUES[m.group(1)], json.dumps(TOO_BROAD))), False)
    if len(faults) < 3:
        sys.exit(f"validate.py: the IAM checks found only {faults} in a policy known to be too broad")
    print(f"ok  the IAM checks find {len(faults)} faults in the old single job role")
    session = botocore_session.get_session()
    validator = ParamValidator()
    checks = [("emr", "RunJobFlow", p) for p in glob.glob(f"{HERE}/cluster/*.json")]
    checks += [("emr", "AddJobFlowSteps", p) for p in glob.glob(f"{HERE}/steps/*.json")]
    checks += [("emr-serverless", "StartJobRun", p) for p in glob.glob(f"{HERE}/serverless/*.json")]
    checks += [("events", "PutRule", p) for p in glob.glob(f"{HERE}/schedule/*.schedule.json")]
    checks += [("events", "PutTargets", p) for p in glob.glob(f"{HERE}/schedule/*.targets.json")]
    problems = []
    for service, operation, path in sorted(checks, key=lambda c: c[2]):
        shape = session.get_service_model(service).operation_model(operation).input_shape
        request = load(path)
        report = validator.validate(request, shape)
        name = os.path.relpath(path, os.path.dirname(HERE))
        enums = enum_errors(request, shape)
        if report.has_errors() or enums:
            text = report.generate_report() if report.has_errors() else ""
            problems.append(f"{name} ({service} {operation}):\n" + "\n".join(filter(None, [text] + enums)))
        else:
            print(f"ok  {name}: valid {service} {operation} request")
    for path in sorted(glob.glob(f"{HERE}/schedule/*.asl.json")):
        asl = load(path)
        name = os.path.relpath(path, os.path.dirname(HERE))
        states = asl.get("States", {})
        missing = [s for s in [asl.get("StartAt")] + [st.get("Next") for st in states.values() if "Next" in st]
                   + [c.get("Next") for st in states.values() for c in st.get("Catch", [])] if s not in states]
        if missing:
            problems.append(f"{name}: transitions to undefined states {missing}")
        else:
            # The state machine itself is a CreateStateMachine request's definition.
            request = {"name": "lakeml-daily", "definition": json.dumps(asl),
                       "roleArn": VALUES["LAKEML_JOB_ROLE_ARN"]}
            shape = session.get_service_model("stepfunctions").operation_model("CreateStateMachine").input_shape
            report = validator.validate(request, shape)
            if report.has_errors():
                problems.append(f"{name}: {report.generate_report()}")
            else:
                print(f"ok  {name}: states {sorted(states)} all reachable, valid CreateStateMachine request")
    for path in sorted(glob.glob(f"{HERE}/iam/*.json")):
        name = os.path.relpath(path, os.path.dirname(HERE))
        found = iam_problems(load(path), os.path.basename(path).startswith("maintain"))
        if found:
            problems.append(f"{name}: " + "; ".join(found))
        else:
            print(f"ok  {name}: no wildcard resource; ListBucket only under prefix conditions;"
                  " no delete on models/, runs/ or reports/; PutObject denied without SSE-KMS under"
                  " the lake's key; KMS on that key only; Glue on the lake's databases only")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
