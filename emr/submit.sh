#!/usr/bin/env bash
# Submit lakeml to Amazon EMR (a running cluster's steps) or EMR Serverless.
#
#   emr/submit.sh --bucket BUCKET --kms-key-arn KEY --create-cluster --subnet-id SUBNET [--instance-profile P] [--service-role R]
#                 [--security-configuration C] [--release-label emr-7.5.0] [--dry-run]
#   emr/submit.sh --bucket BUCKET --run-date YYYY-MM-DD (--cluster-id j-XXXX | --serverless-app-id ID --job-role-arn ARN --kms-key-arn KEY)
#                 [--job pipeline|generate|ingest|train|evaluate|promote|score|drift|maintain] [--pipeline fraud] [--release-label emr-7.5.0]
#                 [--no-wait] [--dry-run]
#
# Checks every input first (nothing touches AWS before), builds the shaded jar if it is missing,
# uploads the jar and conf/ to s3://BUCKET/artifacts/, renders the step (emr/steps/<job>.json) or
# the Serverless run (emr/serverless/start-job-run.json), submits it, waits for it to end and
# prints its state and where its logs are. --dry-run prints every aws command instead of running
# it. Credentials: the AWS CLI's usual chain (profile, environment, instance role).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AWS="${AWS_CLI:-aws}"
source "$ROOT/bin/lib.sh"

die() { echo "submit: $*" >&2; exit 2; }
usage() { usage_from_header "${BASH_SOURCE[0]}"; }

bucket="" kms_key="" run_date="" cluster_id="" app_id="" role_arn="" job="pipeline" pipeline="fraud"
release_label="emr-7.5.0" wait=true dry_run=false create=false subnet="" profile="EMR_EC2_DefaultRole"
service_role="EMR_DefaultRole" security_configuration="lakeml-sse-kms"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bucket) bucket="${2:-}"; shift 2 ;;
    --kms-key-arn) kms_key="${2:-}"; shift 2 ;;
    --run-date) run_date="${2:-}"; shift 2 ;;
    --cluster-id) cluster_id="${2:-}"; shift 2 ;;
    --serverless-app-id) app_id="${2:-}"; shift 2 ;;
    --job-role-arn) role_arn="${2:-}"; shift 2 ;;
    --job) job="${2:-}"; shift 2 ;;
    --pipeline) pipeline="${2:-}"; shift 2 ;;
    --release-label) release_label="${2:-}"; shift 2 ;;
    --no-wait) wait=false; shift ;;
    --create-cluster) create=true; shift ;;
    --subnet-id) subnet="${2:-}"; shift 2 ;;
    --instance-profile) profile="${2:-}"; shift 2 ;;
    --service-role) service_role="${2:-}"; shift 2 ;;
    --security-configuration) security_configuration="${2:-}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# --- Inputs, checked before anything touches AWS -----------------------------------------
[[ "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || die "--bucket: expected an S3 bucket name, got: '$bucket'"
[[ "$release_label" =~ ^emr-7\.[0-9]+\.[0-9]+$ ]] || die "--release-label: expected emr-7.x.y (Spark 3.5, Java 17), got: '$release_label'"
need_kms() { # the lake's key: everything lakeml writes is encrypted with it (SSE-KMS)
  [[ "$kms_key" =~ ^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$ ]] \
    || die "--kms-key-arn: expected the lake's KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got: '$kms_key'"
}
if $create; then
  [[ "$subnet" =~ ^subnet-[0-9a-f]{8,17}$ ]] || die "--subnet-id: expected subnet-xxxxxxxx, got: '$subnet'"
  need_kms
  request="$(mktemp)"
  LAKEML_BUCKET="$bucket" LAKEML_KMS_KEY_ARN="$kms_key" LAKEML_ENV=emr EMR_RELEASE_LABEL="$release_label" EMR_SUBNET_ID="$subnet" \
  EMR_INSTANCE_PROFILE="$profile" EMR_SERVICE_ROLE="$service_role" EMR_SECURITY_CONFIGURATION="$security_configuration" \
  /usr/bin/python3 -c 'import json,os,re,sys; print(json.dumps(json.loads(re.sub(r"\$\{([A-Z_]+)\}", lambda m: os.environ[m.group(1)], open(sys.argv[1]).read())), indent=2))' \
    "$ROOT/emr/cluster/run-job-flow.json" > "$request"
  # The cluster's bootstrap action (libgomp for XGBoost) runs from the bucket.
  if $dry_run; then
    echo "${AWS} s3 cp $ROOT/emr/bootstrap/libgomp.sh s3://$bucket/artifacts/bootstrap/libgomp.sh"
  else
    "$AWS" s3 cp "$ROOT/emr/bootstrap/libgomp.sh" "s3://$bucket/artifacts/bootstrap/libgomp.sh"
  fi
  if $dry_run; then
    echo "/usr/bin/python3 $ROOT/emr/aws_api.py emr run_job_flow $request"
    echo "# RunJobFlow request: $(tr -d '\n ' < "$request")"
  else
    /usr/bin/python3 "$ROOT/emr/aws_api.py" emr run_job_flow "$request"
  fi
  rm -f "$request"
  exit 0
fi
[[ "$run_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] && date -d "$run_date" >/dev/null 2>&1 \
  || die "--run-date: expected YYYY-MM-DD, got: '$run_date'"
case "$job" in generate|ingest|train|evaluate|promote|score|drift|maintain|pipeline) ;; *) die "--job: expected one of generate, ingest, train, evaluate, promote, score, drift, maintain, pipeline, got: '$job'" ;; esac
[[ -f "$ROOT/conf/pipelines/$pipeline.conf" ]] || die "--pipeline: expected a file conf/pipelines/<name>.conf, got: '$pipeline'"
if [[ -n "$cluster_id" && -n "$app_id" ]]; then die "give --cluster-id or --serverless-app-id, not both"; fi
if [[ -n "$cluster_id" ]]; then
  [[ "$cluster_id" =~ ^j-[A-Z0-9]{8,20}$ ]] || die "--cluster-id: expected j-XXXXXXXX, got: '$cluster_id'"
elif [[ -n "$app_id" ]]; then
  [[ "$app_id" =~ ^[0-9a-z]{8,64}$ ]] || die "--serverless-app-id: expected an EMR Serverless application id, got: '$app_id'"
  [[ "$role_arn" =~ ^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$ ]] || die "--job-role-arn: expected an IAM role ARN, got: '$role_arn'"
  need_kms
else
  die "give --cluster-id (EMR on EC2) or --serverless-app-id with --job-role-arn (EMR Serverless)"
fi
command -v /usr/bin/python3 >/dev/null || die "needs /usr/bin/python3 to render the definitions"

version="$(pom_property project.version)"
jar="$ROOT/jobs/target/lakeml-jobs-$version.jar"
artifacts="s3://$bucket/artifacts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() {
  if $dry_run; then printf '%q ' "$@"; echo; else "$@"; fi
}

# XGBoost trains in a Spark barrier stage, which Spark refuses under dynamic allocation (on by
# default on EMR and EMR Serverless): a pipeline whose algorithm is XGBoost runs without it.
dynamic_allocation=true
if grep -Eq '^[[:space:]]*algorithm[[:space:]]*[=:][[:space:]]*"?xgboost-' "$ROOT/conf/pipelines/$pipeline.conf"; then
  dynamic_allocation=false
fi

render() { # template -> rendered JSON, ${VAR} from the values below
  SPARK_DYNAMIC_ALLOCATION="$dynamic_allocation" LAKEML_BUCKET="$bucket" LAKEML_KMS_KEY_ARN="$kms_key" LAKEML_VERSION="$version" LAKEML_PIPELINE="$pipeline" RUN_DATE="$run_date" \
  EMR_CLUSTER_ID="$cluster_id" EMR_SERVERLESS_APP_ID="$app_id" LAKEML_JOB_ROLE_ARN="$role_arn" \
  EMR_RELEASE_LABEL="$release_label" /usr/bin/python3 - "$1" <<'PY'
import json, os, re, sys
text = open(sys.argv[1]).read()
def sub(m):
    v = os.environ.get(m.group(1))
    if v is None:
        sys.exit("submit: no value for ${%s} in %s" % (m.group(1), sys.argv[1]))
    return v
print(json.dumps(json.loads(re.sub(r"\$\{([A-Z_]+)\}", sub, text)), indent=2))
PY
}

# --- Build, upload ------------------------------------------------------------------------
if [[ ! -f "$jar" ]]; then
  echo "submit: building $jar" >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2
fi
run "$AWS" s3 cp "$jar" "$artifacts/lakeml-jobs-$version.jar"
run "$AWS" s3 cp --recursive "$ROOT/conf" "$artifacts/conf"

# --- Submit, wait, report -----------------------------------------------------------------
if [[ -n "$cluster_id" ]]; then
  render "$ROOT/emr/steps/$job.json" > "$work/add-job-flow-steps.json"
  # The definitions are in the EMR API's shape (AddJobFlowSteps); the CLI's add-steps takes its
  # own: translate.
  /usr/bin/python3 - "$work/add-job-flow-steps.json" > "$work/steps.json" <<'PY'
import json, sys
req = json.load(open(sys.argv[1]))
print(json.dumps([{"Type": "CUSTOM_JAR", "Name": s["Name"], "ActionOnFailure": s["ActionOnFailure"],
                   "Jar": s["HadoopJarStep"]["Jar"], "Args": s["HadoopJarStep"]["Args"]} for s in req["Steps"]]))
PY
  if $dry_run; then
    run "$AWS" emr add-steps --cluster-id "$cluster_id" --steps "file://$work/steps.json"
    echo "# steps: $(cat "$work/steps.json")"
    $wait && run "$AWS" emr wait step-complete --cluster-id "$cluster_id" --step-id "<step-id>"
    run "$AWS" emr describe-step --cluster-id "$cluster_id" --step-id "<step-id>" --query Step.Status.State --output text
    echo "# logs: s3://<cluster LogUri>/$cluster_id/steps/<step-id>/ and the run manifest in s3a://$bucket/lake/runs/$job/run_date=$run_date/"
    exit 0
  fi
  step_id="$("$AWS" emr add-steps --cluster-id "$cluster_id" --steps "file://$work/steps.json" --query 'StepIds[0]' --output text)"
  echo "submit: step $step_id added to $cluster_id" >&2
  if $wait; then "$AWS" emr wait step-complete --cluster-id "$cluster_id" --step-id "$step_id" || true; fi
  state="$("$AWS" emr describe-step --cluster-id "$cluster_id" --step-id "$step_id" --query Step.Status.State --output text)"
  log_uri="$("$AWS" emr describe-cluster --cluster-id "$cluster_id" --query Cluster.LogUri --output text)"
  echo "step $step_id: $state"
  echo "logs: ${log_uri%/}/$cluster_id/steps/$step_id/   run manifest: s3a://$bucket/lake/runs/$job/run_date=$run_date/"
  [[ "$state" == COMPLETED ]] || exit 4
else
  render "$ROOT/emr/serverless/start-job-run.json" > "$work/start-job-run.json"
  if $dry_run; then
    run "$AWS" emr-serverless start-job-run --cli-input-json "file://$work/start-job-run.json"
    echo "# request: $(tr -d '\n ' < "$work/start-job-run.json")"
    run "$AWS" emr-serverless get-job-run --application-id "$app_id" --job-run-id "<job-run-id>" --query jobRun.state --output text
    echo "# logs: s3://$bucket/emr-serverless-logs/applications/$app_id/jobs/<job-run-id>/"
    exit 0
  fi
  run_id="$("$AWS" emr-serverless start-job-run --cli-input-json "file://$work/start-job-run.json" --query jobRunId --output text)"
  echo "submit: job run $run_id started on $app_id" >&2
  state=SUBMITTED
  while $wait && [[ "$state" =~ ^(SUBMITTED|PENDING|SCHEDULED|RUNNING|QUEUED)$ ]]; do
    sleep 30
    state="$("$AWS" emr-serverless get-job-run --application-id "$app_id" --job-run-id "$run_id" --query jobRun.state --output text)"
  done
  echo "job run $run_id: $state"
  echo "logs: s3://$bucket/emr-serverless-logs/applications/$app_id/jobs/$run_id/"
  [[ "$state" == SUCCESS || "$wait" == false ]] || exit 4
fi
