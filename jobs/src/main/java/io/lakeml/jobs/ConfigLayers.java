package io.lakeml.jobs;

import io.lakeml.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that choose the configuration's layers, shared by every job and {@code lakeml sql}:
 * the pipeline file, the environment, and the {@code --set} overrides, with those {@code
 * bin/lakeml} handed over in {@code LAKEML_SET_FILE} last.
 */
final class ConfigLayers {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description =
          "Pipeline configuration (HOCON): a local path or a URI such as s3://bucket/conf/fraud.conf.")
  String conf;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      defaultValue = "local",
      description = "Environment layer conf/env/NAME.conf (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Use this file as the environment layer instead of conf/env/NAME.conf.")
  String envFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one configuration key; repeatable, the last wins. Example: --set train.params.max-iter=50")
  List<String> overrides = new ArrayList<>();

  /** What to load: these layers, the secret overrides last. */
  ConfigLoader.Request request() {
    return new ConfigLoader.Request(
        Optional.ofNullable(conf),
        env,
        Optional.ofNullable(envFile),
        SecretFiles.withSecretOverrides(overrides));
  }
}
