package io.lakeml.jobs;

import io.lakeml.config.ConfigLoader;
import io.lakeml.lake.LakeQuery;
import io.lakeml.pipeline.LakemlConfig;
import java.io.PrintStream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lakeml sql "SELECT ..."}: one query against the lake's tables, printed; no run date, no
 * manifest. The configuration (environment, pipeline file, {@code --set}) says where the lake and
 * its catalog are, as for every job.
 */
final class SqlCommand {
  /** The options of {@code lakeml sql}. */
  static final class Options {
    @Parameters(
        index = "0",
        paramLabel = "QUERY",
        description =
            "A Spark SQL query; names resolve in the lake's catalog first: curated.<dataset>,"
                + " quarantine.<dataset>, predictions.<model>, and Iceberg's metadata tables such as"
                + " curated.<dataset>.snapshots.")
    String query;

    @Mixin ConfigLayers layers = new ConfigLayers();

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table, csv or json (one object per line); default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
        names = "--limit",
        paramLabel = "ROWS",
        defaultValue = "1000",
        description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin CommandArgs.Help help = new CommandArgs.Help();
  }

  private final PrintStream out;
  private final PrintStream err;
  private final Launcher.Sessions sessions;

  SqlCommand(PrintStream out, PrintStream err, Launcher.Sessions sessions) {
    this.out = out;
    this.err = err;
    this.sessions = sessions;
  }

  ExitCode run(String[] args) {
    Options o = new Options();
    CommandLine cli = new CommandLine(o).setCommandName("lakeml sql");
    cli.getCommandSpec().usageMessage().description(Descriptions.of("sql"));
    CommandArgs.Parsed<Query> parsed =
        CommandArgs.parse(
            cli,
            args,
            o.help,
            out,
            err,
            () -> {
              LakeQuery.Format format =
                  io.lakeml.config.ConfigName.of(
                      LakeQuery.Format.class, o.format.toLowerCase(), "format");
              if (o.limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, got: " + o.limit);
              }
              LakemlConfig config = LakemlConfig.from(ConfigLoader.load(o.layers.request()));
              SecretFiles.deleteAll();
              return new Query(config, format);
            });
    return parsed.value().map(q -> query(q.config(), o, q.format())).orElse(parsed.exit());
  }

  /** A checked query's lake and output format. */
  private record Query(LakemlConfig config, LakeQuery.Format format) {}

  private ExitCode query(LakemlConfig config, Options o, LakeQuery.Format format) {
    SparkSession spark = null;
    try {
      spark = sessions.open(config.spark(), config.spark().appName() + " sql");
      LakeQuery.run(spark, config.lake(), o.query, format, o.limit, out);
      out.flush();
      return ExitCode.OK;
    } catch (Exception e) { // Spark throws its checked AnalysisException without declaring it
      if (e instanceof AnalysisException a) {
        err.println("lakeml sql: " + a.getSimpleMessage());
        return ExitCode.CONFIG_ERROR;
      }
      err.println("lakeml sql: query failed: " + e.getMessage());
      return ExitCode.JOB_FAILURE;
    } finally {
      if (spark != null) {
        sessions.close(spark);
      }
    }
  }
}
