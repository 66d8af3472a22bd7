package io.lakeml.jobs;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.SparkSettings;
import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.DriftAlertException;
import io.lakeml.pipeline.Job;
import io.lakeml.pipeline.JobRunner;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.Console;
import io.lakeml.run.RunManifest;
import io.lakeml.run.RunOptions;
import io.lakeml.run.Step;
import io.lakeml.run.StepRecord;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The thin main of every job: parse arguments → load and validate the configuration → build the one
 * SparkSession → {@code JobRunner.run} → stop, mapping the outcome to an {@link ExitCode}. A bad
 * argument or configuration fails here, before Spark starts.
 */
public final class Launcher {
  /** Opens and closes the application's session; tests substitute a shared one. */
  public interface Sessions {
    SparkSession open(SparkSettings settings, String appName);

    void close(SparkSession session);
  }

  static final Sessions SPARK =
      new Sessions() {
        @Override
        public SparkSession open(SparkSettings settings, String appName) {
          return SparkSessions.create(settings, appName);
        }

        @Override
        public void close(SparkSession session) {
          session.stop();
        }
      };

  private final PrintStream out;
  private final PrintStream err;
  private final Sessions sessions;

  public Launcher(PrintStream out, PrintStream err, Sessions sessions) {
    this.out = out;
    this.err = err;
    this.sessions = sessions;
  }

  /** Entry point of the per-job main classes. */
  static void main(String job, String[] args) {
    int code = new Launcher(System.out, System.err, SPARK).run(job, args).code();
    System.exit(code);
  }

  /** A job ready to run: its configuration validated, its dates and plan known. */
  private record Prepared(
      Job job, LakemlConfig config, List<LocalDate> dates, List<String> plan, RunOptions options) {}

  public ExitCode run(String jobName, String[] args) {
    if (jobName.equals("sql")) {
      return new SqlCommand(out, err, sessions).run(args);
    }
    if (jobName.equals("init")) {
      return new InitCommand(out, err, sessions).run(args);
    }
    Job job;
    try {
      job = Jobs.byName(jobName);
    } catch (IllegalArgumentException e) {
      err.println("lakeml: " + e.getMessage());
      return ExitCode.CONFIG_ERROR;
    }
    JobOptions options = new JobOptions();
    CommandLine cli = commandLine(jobName, options);
    List<LocalDate> dates;
    try {
      cli.parseArgs(args);
      if (options.help) {
        cli.usage(out);
        return ExitCode.OK;
      }
      dates = dates(jobName, options);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      err.println("lakeml " + jobName + ": " + e.getMessage());
      cli.usage(err);
      return ExitCode.CONFIG_ERROR;
    }
    Prepared prepared;
    try {
      prepared = prepare(job, options, dates);
    } catch (ConfigException e) {
      err.println("lakeml " + jobName + ": configuration error: " + e.getMessage());
      return ExitCode.CONFIG_ERROR;
    }
    if (options.preflight) {
      return ExitCode.OK;
    }
    // This JVM is the run's driver: the files that carried secrets past the command line go.
    SecretFiles.deleteAll();
    if (options.validate) {
      printPlan(jobName, prepared.config(), prepared.dates(), prepared.plan());
      return ExitCode.OK;
    }
    return execute(jobName, prepared);
  }

  /** Loads and validates the configuration and the job's plan; starts no Spark. */
  private static Prepared prepare(Job job, JobOptions options, List<LocalDate> given) {
    ConfigLoader.Loaded loaded = ConfigLoader.load(options.layers.request());
    LakemlConfig config = LakemlConfig.from(loaded);
    List<LocalDate> dates =
        options.scheduledTime == null
            ? given
            : List.of(config.runDateOf(Instant.parse(options.scheduledTime)));
    List<String> plan = job.plan(config, dates.get(0));
    Set<Step> force = new HashSet<>();
    for (String name : options.force) {
      Optional<Step> step = Step.byName(name).filter(config.steps()::contains);
      if (step.isEmpty()) {
        throw ConfigException.invalid(
            "--force",
            name,
            "a step of pipeline.steps " + config.steps().stream().map(Step::configName).toList());
      }
      force.add(step.get());
    }
    return new Prepared(job, config, dates, plan, new RunOptions(options.resume, force));
  }

  /** Builds the one session, runs every date in order, maps the outcome to an exit code. */
  private ExitCode execute(String jobName, Prepared p) {
    Console console = new Console(out);
    SparkSession spark = null;
    try {
      spark = sessions.open(p.config().spark(), p.config().spark().appName() + " " + jobName);
      List<LocalDate> alerted = new ArrayList<>();
      for (LocalDate date : p.dates()) {
        try {
          RunManifest manifest =
              JobRunner.run(spark, p.job(), p.config(), date, console, p.options());
          printSummary(console, manifest);
        } catch (DriftAlertException e) {
          // The run wrote everything; the alert is its outcome. A backfill goes on to the next day.
          err.println("lakeml " + jobName + ": " + date + ": " + e.getMessage());
          alerted.add(date);
        }
      }
      if (p.dates().size() > 1) {
        console.info(
            "backfill %s..%s: %d dates done%s",
            p.dates().get(0),
            p.dates().get(p.dates().size() - 1),
            p.dates().size(),
            alerted.isEmpty() ? "" : ", drift alert on " + alerted);
      }
      return alerted.isEmpty() ? ExitCode.OK : ExitCode.DRIFT_ALERT;
    } catch (ConfigException e) {
      err.println("lakeml " + jobName + ": configuration error: " + e.getMessage());
      return ExitCode.CONFIG_ERROR;
    } catch (DataQualityException e) {
      err.println("lakeml " + jobName + ": data-quality failure: " + e.getMessage());
      return ExitCode.DATA_QUALITY_FAILURE;
    } catch (RuntimeException | Error e) {
      err.println("lakeml " + jobName + ": job failed: " + e);
      e.printStackTrace(err);
      return ExitCode.JOB_FAILURE;
    } finally {
      if (spark != null) {
        sessions.close(spark);
      }
    }
  }

  /** The run date, or every date of {@code --from .. --to}; today (UTC) by default. */
  static List<LocalDate> dates(String jobName, JobOptions options) {
    if (options.scheduledTime != null) {
      if (options.runDate != null || options.from != null || options.to != null) {
        throw new IllegalArgumentException(
            "--scheduled-time and --run-date/--from/--to exclude each other");
      }
      try {
        Instant.parse(options.scheduledTime);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--scheduled-time: expected an ISO-8601 instant such as 2026-11-02T02:00:00Z, got: '"
                + options.scheduledTime
                + "'");
      }
      return List.of(); // the configuration's run-date-lag decides the date
    }
    if ((options.from == null) != (options.to == null)) {
      throw new IllegalArgumentException("--from and --to go together, got only one of them");
    }
    if ((options.resume || !options.force.isEmpty()) && !jobName.equals("pipeline")) {
      throw new IllegalArgumentException(
          "--resume and --force apply to the steps of 'pipeline', not to '" + jobName + "'");
    }
    if (options.from == null) {
      return List.of(options.runDate != null ? options.runDate : LocalDate.now(ZoneOffset.UTC));
    }
    if (options.runDate != null) {
      throw new IllegalArgumentException("--run-date and --from/--to exclude each other");
    }
    if (options.to.isBefore(options.from)) {
      throw new IllegalArgumentException(
          String.format("--to must not be before --from, got: %s .. %s", options.from, options.to));
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = options.from; !d.isAfter(options.to); d = d.plusDays(1)) {
      dates.add(d);
    }
    if (dates.size() > MAX_BACKFILL_DAYS) {
      throw new IllegalArgumentException(
          String.format(
              "a backfill runs at most %d dates, got: %d (%s .. %s)",
              MAX_BACKFILL_DAYS, dates.size(), options.from, options.to));
    }
    return dates;
  }

  /** Ten years of days: more is surely a typo in a year. */
  static final int MAX_BACKFILL_DAYS = 3660;

  static CommandLine commandLine(String jobName, JobOptions options) {
    CommandLine cli = new CommandLine(options);
    cli.setCommandName("lakeml " + jobName);
    cli.getCommandSpec().usageMessage().description(Descriptions.of(jobName));
    cli.getCommandSpec().usageMessage().footer("", EXIT_CODES);
    return cli;
  }

  static final String EXIT_CODES =
      "Exit codes: 0 ok, 2 usage/config error, 3 data-quality failure, 4 job failure,"
          + " 5 drift alert.";

  private void printPlan(
      String jobName, LakemlConfig config, List<LocalDate> dates, List<String> plan) {
    out.println("lakeml " + jobName + " --validate: configuration OK (no Spark started)");
    out.println(
        dates.size() == 1
            ? "run date: " + dates.get(0)
            : String.format(
                "run dates: %s .. %s (%d, in order; the plan of the first)",
                dates.get(0), dates.get(dates.size() - 1), dates.size()));
    out.println("lake:     " + config.lake());
    out.println("layers (highest first):");
    for (String source : config.loaded().sources()) {
      out.println("  " + source);
    }
    out.println("digest:   " + config.loaded().digest());
    out.println("plan:");
    for (String line : plan) {
      out.println("  " + line);
    }
    out.println("resolved configuration:");
    out.println(config.loaded().render());
    out.flush();
  }

  private static void printSummary(Console console, RunManifest manifest) {
    long millis = 0;
    for (StepRecord step : manifest.steps()) {
      millis += step.duration().toMillis();
      for (StepRecord.DatasetRef ref : step.outputs()) {
        console.info(
            "  %-9s -> %s%s",
            step.name(), ref.path(), ref.rows() == null ? "" : " (" + ref.rows() + " rows)");
      }
    }
    console.info(
        "%s %s in %s",
        manifest.job(), manifest.status(), Console.seconds(Duration.ofMillis(millis)));
  }

  /** Writes usage text for every job, for {@code lakeml --help}. */
  static void printJobs(PrintWriter w) {
    w.println(
        "Usage: lakeml <job> [--conf FILE] [--env NAME] [--run-date YYYY-MM-DD] [--set KEY=VALUE]... [--validate]");
    w.println();
    w.println("Jobs:");
    List<String> names = new ArrayList<>(Jobs.all().keySet());
    names.add("sql");
    names.add("init");
    for (String name : names.stream().sorted().toList()) {
      w.printf("  %-9s %s%n", name, Descriptions.of(name));
    }
    w.println();
    w.println("'lakeml <job> --help' lists a job's options.");
    w.println(EXIT_CODES);
    w.flush();
  }
}
