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


def main():
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
        policy = load(path)
        name = os.path.relpath(path, os.path.dirname(HERE))
        bad = [s.get("Sid") for s in policy.get("Statement", [])
               if s.get("Effect") != "Allow" or "*" == s.get("Resource") or not s.get("Action")]
        if policy.get("Version") != "2012-10-17" or bad:
            problems.append(f"{name}: statements without a narrow resource or action: {bad}")
        else:
            print(f"ok  {name}: {len(policy['Statement'])} statements, no wildcard resource")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
