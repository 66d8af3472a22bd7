package io.lakeml.jobs;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.config.SparkSettings;
import io.lakeml.init.ConfigDraft;
import io.lakeml.init.SampleReader;
import io.lakeml.pipeline.LakemlConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakeml init --from FILE --label COLUMN}: reads a sample of a new data set and writes a
 * commented, ready pipeline configuration ({@link ConfigDraft}), checked by loading it the way
 * every job loads its configuration before it is written.
 */
final class InitCommand {
  /** The options of {@code lakeml init}. */
  static final class Options {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "PATH",
        description = "A CSV, JSON-lines or Parquet file or folder, local or s3a://.")
    String from;

    @Option(
        names = "--label",
        required = true,
        paramLabel = "COLUMN",
        description = "The column to predict, as the header writes it or as a column name.")
    String label;

    @Option(
        names = "--dataset",
        paramLabel = "NAME",
        description = "The data set's name in the lake (default: from the file name).")
    String dataset;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the configuration here (default: print it); an existing file stays.")
    String out;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "csv, json or parquet (default: from the file's extension, else csv).")
    String format;

    @Option(
        names = "--sample-rows",
        paramLabel = "ROWS",
        defaultValue = "10000",
        description = "Rows read to infer from (default: ${DEFAULT-VALUE}).")
    int sampleRows;

    @Mixin ConfigLayers layers = new ConfigLayers();

    @Mixin CommandArgs.Help help = new CommandArgs.Help();
  }

  private final PrintStream out;
  private final PrintStream err;
  private final Launcher.Sessions sessions;

  InitCommand(PrintStream out, PrintStream err, Launcher.Sessions sessions) {
    this.out = out;
    this.err = err;
    this.sessions = sessions;
  }

  ExitCode run(String[] args) {
    Options o = new Options();
    CommandLine cli = new CommandLine(o).setCommandName("lakeml init");
    cli.getCommandSpec().usageMessage().description(Descriptions.of("init"));
    CommandArgs.Parsed<Start> parsed =
        CommandArgs.parse(
            cli,
            args,
            o.help,
            out,
            err,
            () -> {
              if (o.sampleRows < 2) {
                throw new IllegalArgumentException(
                    "--sample-rows must be at least 2, got: " + o.sampleRows);
              }
              if (o.out != null && Files.exists(Path.of(o.out))) {
                throw new IllegalArgumentException(
                    "--out " + o.out + " exists; remove it or choose another file");
              }
              ConfigLoader.Request request = o.layers.request();
              Settings root = Settings.root(ConfigLoader.load(request).config());
              return new Start(request, SparkSettings.from(root.section("spark")));
            });
    return parsed.value().map(s -> draft(o, s.request(), s.spark())).orElse(parsed.exit());
  }

  /** The configuration layers asked for, and the Spark settings they give. */
  private record Start(ConfigLoader.Request request, SparkSettings spark) {}

  private ExitCode draft(Options o, ConfigLoader.Request request, SparkSettings settings) {
    String format = o.format != null ? o.format : SampleReader.formatOf(o.from);
    String dataset = o.dataset != null ? o.dataset : SampleReader.datasetOf(o.from);
    SparkSession spark = null;
    try {
      spark = sessions.open(settings, "lakeml init");
      SampleReader.Sample sample = SampleReader.read(spark, o.from, format, o.sampleRows);
      String text =
          ConfigDraft.draft(
              new ConfigDraft.Source(o.from, format, dataset, o.label),
              sample.header(),
              sample.rows());
      check(text, request);
      if (o.out == null) {
        out.print(text);
      } else {
        Files.writeString(Path.of(o.out), text);
        out.println(
            "lakeml init: wrote "
                + o.out
                + " from "
                + sample.rows().size()
                + " rows; next: bin/lakeml pipeline --conf "
                + o.out);
      }
      out.flush();
      return ExitCode.OK;
    } catch (ConfigException e) {
      err.println("lakeml init: " + e.getMessage());
      return ExitCode.CONFIG_ERROR;
    } catch (Exception e) { // Spark throws its checked AnalysisException without declaring it
      err.println("lakeml init: cannot read " + o.from + ": " + e.getMessage());
      return ExitCode.JOB_FAILURE;
    } finally {
      if (spark != null) {
        sessions.close(spark);
      }
    }
  }

  /** Loads the draft as a job would, so a file that would not load is never written. */
  private static void check(String text, ConfigLoader.Request request) throws IOException {
    Path draft = Files.createTempFile("lakeml-init", ".conf");
    try {
      Files.writeString(draft, text);
      LakemlConfig.from(
          ConfigLoader.load(
              new ConfigLoader.Request(
                  Optional.of(draft.toString()), request.env(), request.envFile(), List.of())));
    } finally {
      Files.deleteIfExists(draft);
    }
  }
}
