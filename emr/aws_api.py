#!/usr/bin/python3
"""Sends one AWS API request from a JSON file, with the botocore that Debian's awscli bundles.

    /usr/bin/python3 emr/aws_api.py SERVICE OPERATION REQUEST.json

For requests whose CLI command takes another shape than the API (aws emr create-cluster vs
RunJobFlow): the definitions in emr/ are API requests, validated by emr/validate.py. Credentials
and region come from the usual chain (environment, profile, instance role). Prints the response.
"""
import json
import sys

from awscli.botocore import session as botocore_session


def main():
    service, operation, path = sys.argv[1:4]
    client = botocore_session.get_session().create_client(service)
    method = getattr(client, operation)
    response = method(**json.load(open(path)))
    response.pop("ResponseMetadata", None)
    print(json.dumps(response, indent=2, default=str))


if __name__ == "__main__":
    main()
