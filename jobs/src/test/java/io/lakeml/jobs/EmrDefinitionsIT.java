package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The EMR definitions agree with the jar they submit, with the jobs' options and with AWS's API.
 */
class EmrDefinitionsIT {
  private static final Path ROOT = ProjectCommand.ROOT;
  private static final Path EMR = ROOT.resolve("emr");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> json() throws IOException {
    try (Stream<Path> files = Files.walk(EMR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyDefinitionParses() throws IOException {
    assertThat(json()).hasSizeGreaterThanOrEqualTo(11);
    for (Path p : json()) {
      assertThat(JSON.readTree(p.toFile())).as(p.toString()).isNotNull();
    }
  }

  @Test
  void everyStepNamesAMainClassOfTheJarWithArgumentsItsJobAccepts() throws Exception {
    List<String> entries;
    try (JarFile jar = new JarFile(System.getProperty("lakeml.jar"))) {
      entries = jar.stream().map(e -> e.getName()).toList();
    }
    try (Stream<Path> steps = Files.list(EMR.resolve("steps"))) {
      for (Path step : steps.sorted().toList()) {
        JsonNode args = JSON.readTree(step.toFile()).at("/Steps/0/HadoopJarStep/Args");
        List<String> a = new ArrayList<>();
        args.forEach(n -> a.add(n.asText()));
        String mainClass = a.get(a.indexOf("--class") + 1);
        assertThat(entries).as(step.toString()).contains(mainClass.replace('.', '/') + ".class");

        // What follows the jar goes to the job; check it in validate-only mode, with the
        // configuration from this checkout instead of S3.
        List<String> jobArgs = new ArrayList<>(a.subList(a.indexOf("--class") + 3, a.size()));
        jobArgs.set(
            jobArgs.indexOf("--conf") + 1, ROOT.resolve("conf/pipelines/fraud.conf").toString());
        jobArgs.set(jobArgs.indexOf("--run-date") + 1, "2026-11-01");
        jobArgs.add("--validate");
        // The cluster's environment gives the lake's KMS key (LAKEML_KMS_KEY_ARN).
        jobArgs.addAll(
            List.of(
                "--set",
                "spark.conf.\"spark.hadoop.fs.s3a.server-side-encryption.key\"=\"arn:aws:kms:"
                    + "eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\""));
        String job =
            mainClass
                .substring(mainClass.lastIndexOf('.') + 1)
                .replaceFirst("Main$", "")
                .toLowerCase();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code =
            new Launcher(
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    null)
                .run(job, jobArgs.toArray(String[]::new));
        assertThat(code)
            .as(step + ": " + err.toString(StandardCharsets.UTF_8))
            .isEqualTo(ExitCode.OK);
      }
    }
  }

  @Test
  void definitionsAreValidRequestsOfTheAwsApiModels() throws Exception {
    ProjectCommand.Result r =
        run(List.of("/usr/bin/python3", EMR.resolve("validate.py").toString()));
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("emr/cluster/run-job-flow.json: valid emr RunJobFlow request")
        .contains("emr/steps/pipeline.json: valid emr AddJobFlowSteps request")
        .contains("emr/serverless/start-job-run.json: valid emr-serverless StartJobRun request")
        .contains("valid CreateStateMachine request");
  }

  /** {@code emr/submit.sh --bucket my-lake --dry-run <args>}. */
  private static ProjectCommand.Result submit(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(EMR.resolve("submit.sh").toString(), "--bucket", "my-lake", "--dry-run"));
    command.addAll(List.of(args));
    return run(command);
  }

  private static final String KMS_KEY =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** Serverless without the lake's KMS key stops before anything touches AWS. */
  @Test
  void serverlessWithoutAKmsKeyIsRefused() throws Exception {
    ProjectCommand.Result run =
        submit(
            "--run-date", "2026-11-01",
            "--serverless-app-id", "00fabcdefghij012",
            "--job-role-arn", "arn:aws:iam::123456789012:role/lakeml-job");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out())
        .contains("--kms-key-arn: expected the lake's KMS key ARN")
        .doesNotContain("aws ");
  }

  @Test
  void submitDryRunPrintsEveryAwsCommand() throws Exception {
    ProjectCommand.Result steps =
        submit("--run-date", "2026-11-01", "--cluster-id", "j-ABCDEFGH1234", "--job", "ingest");
    assertThat(steps.exit()).as(steps.out()).isZero();
    assertThat(steps.out())
        .contains(
            "aws s3 cp "
                + System.getProperty("lakeml.jar")
                + " s3://my-lake/artifacts/lakeml-jobs-")
        .contains("aws s3 cp --recursive " + ROOT.resolve("conf") + " s3://my-lake/artifacts/conf")
        .contains("aws emr add-steps --cluster-id j-ABCDEFGH1234 --steps file://")
        .contains("\"io.lakeml.jobs.IngestMain\"")
        .contains("\"--run-date\", \"2026-11-01\"")
        .contains("aws emr wait step-complete");

    ProjectCommand.Result serverless =
        submit(
            "--run-date", "2026-11-01",
            "--serverless-app-id", "00fabcdefghij012",
            "--job-role-arn", "arn:aws:iam::123456789012:role/lakeml-job",
            "--kms-key-arn", KMS_KEY);
    assertThat(serverless.exit()).as(serverless.out()).isZero();
    assertThat(serverless.out())
        .contains("aws emr-serverless start-job-run --cli-input-json file://")
        .contains("spark.emr-serverless.driverEnv.LAKEML_KMS_KEY_ARN=" + KMS_KEY)
        .contains("\"clientToken\":\"lakeml-fraud-2026-11-01\"")
        .contains("--classio.lakeml.jobs.PipelineMain")
        .contains("spark.dynamicAllocation.enabled=true");

    // XGBoost's barrier stage: its pipelines run without dynamic allocation.
    ProjectCommand.Result xgboost =
        submit(
            "--run-date", "2026-11-01",
            "--cluster-id", "j-ABCDEFGH1234",
            "--job", "train",
            "--pipeline", "fraud-xgb");
    assertThat(xgboost.exit()).as(xgboost.out()).isZero();
    assertThat(xgboost.out())
        .contains("\"io.lakeml.jobs.TrainMain\"")
        .contains("\"spark.dynamicAllocation.enabled=false\"");

    ProjectCommand.Result bad =
        submit("--run-date", "2026-13-40", "--cluster-id", "j-ABCDEFGH1234");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out())
        .contains("--run-date: expected YYYY-MM-DD, got: '2026-13-40'")
        .doesNotContain("aws s3");
  }

  private static ProjectCommand.Result run(List<String> command) throws Exception {
    return ProjectCommand.run(command, Duration.ofMinutes(5));
  }
}
