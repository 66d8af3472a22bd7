#!/usr/bin/env bash
# EMR bootstrap action: XGBoost's native library (bundled in lakeml's jar) links against GNU
# OpenMP, libgomp.so.1. Amazon Linux images usually carry it; this makes sure, on every node,
# before Spark starts.
set -euo pipefail
if ! /sbin/ldconfig -p | grep -q 'libgomp\.so\.1'; then
  sudo dnf install -y libgomp || sudo yum install -y libgomp
fi
