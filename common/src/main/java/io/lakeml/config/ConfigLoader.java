package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds the one resolved configuration of a run from its layers, lowest first:
 *
 * <ol>
 *   <li>built-in defaults ({@code lakeml/defaults.conf} in the library jar);
 *   <li>the environment ({@code conf/env/<env>.conf}: beside the pipeline file's {@code conf/}
 *       folder when there is one, else the copy built into the jobs jar);
 *   <li>the pipeline file ({@code --conf}: a local path, or any Hadoop file-system URI such as
 *       {@code s3://bucket/conf/fraud.conf});
 *   <li>{@code --set key=value} overrides, in order.
 * </ol>
 *
 * <p>Nothing here starts Spark: reading a remote pipeline file uses the Hadoop file-system client
 * alone.
 */
public final class ConfigLoader {
  static final String DEFAULTS_RESOURCE = "lakeml/defaults.conf";
  static final String ENV_RESOURCE_DIR = "lakeml/env/";

  private ConfigLoader() {}

  /** What a run asked for on its command line. */
  public record Request(
      Optional<String> pipelineFile, String env, Optional<String> envFile, List<String> overrides) {
    public Request {
      overrides = List.copyOf(overrides);
    }
  }

  /**
   * The resolved configuration, the layers it came from (secrets given with {@code --set} masked)
   * and a digest of its content.
   */
  public record Loaded(Config config, List<String> sources, String digest) {
    /** The resolved configuration as text, every secret's value masked ({@link Redaction}). */
    public String render() {
      return redaction()
          .redact(config)
          .root()
          .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    /** Which values are secrets: {@code redaction.pattern}, else the built-in pattern. */
    public Redaction redaction() {
      return Redaction.of(config);
    }
  }

  public static Loaded load(Request request) {
    List<String> sources = new ArrayList<>();
    Config merged = ConfigFactory.empty();

    Config overrides = parseOverrides(request.overrides());
    merged = merged.withFallback(overrides);

    Optional<Path> localPipeline = Optional.empty();
    if (request.pipelineFile().isPresent()) {
      String location = request.pipelineFile().get();
      localPipeline = localPath(location);
      merged = merged.withFallback(parse(location, readText(location)));
      sources.add("pipeline " + location);
    }

    EnvLayer env = envLayer(request, localPipeline);
    merged = merged.withFallback(env.config());
    sources.add("env " + request.env() + " (" + env.origin() + ")");

    merged = merged.withFallback(parseResource(DEFAULTS_RESOURCE));
    sources.add("defaults (built in)");

    Config resolved;
    try {
      resolved = merged.resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("configuration does not resolve: " + e.getMessage(), e);
    }
    resolved = resolved.withValue("env", ConfigValueFactory.fromAnyRef(request.env()));
    if (!request.overrides().isEmpty()) {
      // Recorded in every run manifest: a secret given on the command line must not be.
      Redaction redaction = Redaction.of(resolved);
      sources.add(
          0,
          "--set "
              + String.join(
                  " --set ", request.overrides().stream().map(redaction::override).toList()));
    }
    return new Loaded(resolved, List.copyOf(sources), digest(resolved));
  }

  /**
   * {@code key=value}: the value is taken as a plain string (Typesafe Config converts it when a
   * number or boolean is read), unless it starts with '[' or '{', when it is parsed as HOCON.
   */
  static Config parseOverrides(List<String> overrides) {
    Config out = ConfigFactory.empty();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(String.format("--set: expected key=value, got: '%s'", override));
      }
      String key = override.substring(0, eq).trim();
      String value = override.substring(eq + 1).trim();
      Config one;
      try {
        if (value.startsWith("[") || value.startsWith("{")) {
          one = ConfigFactory.parseString(key + " = " + value);
        } else {
          one = ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
        }
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(
            String.format("--set %s: cannot parse: %s", override, e.getMessage()), e);
      }
      // Later overrides win over earlier ones.
      out = one.withFallback(out);
    }
    return out;
  }

  private record EnvLayer(Config config, String origin) {}

  private static EnvLayer envLayer(Request request, Optional<Path> localPipeline) {
    if (request.envFile().isPresent()) {
      String location = request.envFile().get();
      return new EnvLayer(parse(location, readText(location)), location);
    }
    String env = request.env();
    if (!env.matches("[A-Za-z0-9_-]+")) {
      throw ConfigException.invalid("--env", env, "a name of letters, digits, '-' or '_'");
    }
    List<Path> looked = new ArrayList<>();
    // conf/pipelines/fraud.conf -> conf/env/<env>.conf
    if (localPipeline.isPresent()) {
      Path parent = localPipeline.get().toAbsolutePath().getParent();
      if (parent != null && parent.getParent() != null) {
        Path candidate = parent.getParent().resolve("env").resolve(env + ".conf");
        looked.add(candidate);
        if (Files.isRegularFile(candidate)) {
          return new EnvLayer(
              parse(candidate.toString(), readLocal(candidate)), candidate.toString());
        }
      }
    }
    Path cwdCandidate = Path.of("conf", "env", env + ".conf").toAbsolutePath();
    looked.add(cwdCandidate);
    if (Files.isRegularFile(cwdCandidate)) {
      return new EnvLayer(
          parse(cwdCandidate.toString(), readLocal(cwdCandidate)), cwdCandidate.toString());
    }
    String resource = ENV_RESOURCE_DIR + env + ".conf";
    if (ConfigLoader.class.getClassLoader().getResource(resource) != null) {
      return new EnvLayer(parseResource(resource), "built into the jar");
    }
    throw ConfigException.invalid(
        "--env",
        env,
        "an environment with a file; looked at " + looked + " and the jar's " + resource);
  }

  private static Optional<Path> localPath(String location) {
    URI uri = toUri(location);
    if (uri == null || uri.getScheme() == null) {
      return Optional.of(Path.of(location));
    }
    if ("file".equals(uri.getScheme())) {
      return Optional.of(Path.of(uri));
    }
    return Optional.empty();
  }

  private static URI toUri(String location) {
    try {
      return new URI(location);
    } catch (Exception e) {
      return null;
    }
  }

  private static String readText(String location) {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      return readLocal(local.get());
    }
    try {
      return HadoopText.read(location);
    } catch (IOException e) {
      throw new ConfigException(
          String.format("--conf: cannot read '%s': %s", location, e.getMessage()), e);
    }
  }

  private static String readLocal(Path path) {
    if (!Files.isRegularFile(path)) {
      throw ConfigException.invalid("--conf", path.toString(), "an existing configuration file");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          String.format("cannot read configuration file '%s': %s", path, e.getMessage()), e);
    }
  }

  private static Config parse(String origin, String text) {
    try {
      return ConfigFactory.parseString(
          text,
          ConfigParseOptions.defaults()
              .setOriginDescription(origin)
              .setSyntax(ConfigSyntax.CONF)
              .setIncluder(new RelativeIncluder(origin)));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(
          String.format("%s: not valid HOCON: %s", origin, e.getMessage()), e);
    }
  }

  /**
   * {@code include "shared/x.conf"} in a pipeline file reads the file relative to the including
   * one, on the same file system (a local folder or an S3 prefix), so shared sections travel with
   * the pipelines that use them.
   */
  private record RelativeIncluder(String base) implements ConfigIncluder {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      String location = resolveRelative(base, what);
      return parse(location, readText(location)).root();
    }
  }

  static String resolveRelative(String base, String what) {
    if (what.contains("://") || what.startsWith("/")) {
      return what;
    }
    Optional<Path> local = localPath(base);
    if (local.isPresent()) {
      return local.get().resolveSibling(what).normalize().toString();
    }
    return URI.create(base).resolve(what).toString();
  }

  private static Config parseResource(String resource) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in resource " + resource, e);
    }
  }

  private static String digest(Config config) {
    try {
      byte[] bytes =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  config
                      .root()
                      .render(ConfigRenderOptions.concise())
                      .getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
