package io.lakeml.model;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;

/**
 * Models in the lake: {@code models/<name>/<version>/model/} (a Spark {@link PipelineModel}, the
 * unit of deployment), {@code metadata.json} and any side files (the search table). Versions are
 * whole numbers from 1.
 *
 * <p>Writing is committed by the metadata file, written last: a version without it (a crash
 * half-way through saving) is never listed or loaded. Aliases: {@code latest} is the newest
 * committed version; {@code champion} is the one a promotion chose, kept in {@code
 * models/<name>/_aliases/champion.json} (one small file, replaced whole).
 */
public final class ModelRegistry {
  public static final String LATEST = "latest";
  public static final String CHAMPION = "champion";
  static final String ALIASES = "_aliases";
  static final String METADATA = "metadata.json";
  static final String MODEL = "model";

  private final Lake lake;
  private final LakeFiles files;

  public ModelRegistry(Lake lake, LakeFiles files) {
    this.lake = lake;
    this.files = files;
  }

  /** A committed version: where it is and what it says about itself. */
  public record Version(String name, int version, String path, ModelMetadata metadata) {
    public String modelPath() {
      return path + "/" + MODEL;
    }

    /**
     * Loads the model after checking every file against the digests its metadata recorded: a
     * model's stages run SQL at scoring, so a half-copied or edited model must not load. Fails
     * naming the first file that differs, is missing, or was added.
     */
    public PipelineModel load() {
      if (!metadata.modelFiles().isEmpty()) {
        verify(LakeFiles.of(org.apache.spark.sql.SparkSession.active()).sha256Tree(path));
      }
      return SavedStages.repaired(PipelineModel.load(modelPath()));
    }

    private void verify(Map<String, String> found) {
      Map<String, String> recorded = metadata.modelFiles();
      for (Map.Entry<String, String> e : recorded.entrySet()) {
        String now = found.get(e.getKey());
        if (!e.getValue().equals(now)) {
          throw new IllegalStateException(
              String.format(
                  "%s v%d: %s %s; the model is not as it was registered: restore it, or train"
                      + " and register a new version",
                  name,
                  version,
                  path + "/" + e.getKey(),
                  now == null ? "is missing" : "differs from the SHA-256 its metadata recorded"));
        }
      }
      for (String file : found.keySet()) {
        if (file.startsWith(MODEL + "/") && !recorded.containsKey(file)) {
          throw new IllegalStateException(
              String.format(
                  "%s v%d: %s was not part of the model when it was registered; remove it, or"
                      + " train and register a new version",
                  name, version, path + "/" + file));
        }
      }
    }
  }

  /** Committed versions of a model, oldest first. */
  public List<Integer> versions(String name) {
    String table = lake.table(Lake.Zone.MODELS, name);
    return files.childFolders(table).stream()
        .filter(v -> v.matches("[1-9][0-9]*"))
        .filter(v -> files.exists(table + "/" + v + "/" + METADATA))
        .map(Integer::parseInt)
        .sorted()
        .toList();
  }

  /**
   * Saves a new version. The model is written first (failing if the folder already exists, so two
   * writers never share a version), the metadata last.
   */
  public Version register(PipelineModel model, ModelMetadata metadata) {
    return register(model, metadata, Map.of());
  }

  /**
   * Saves a new version of {@code metadata.name()} with side files (name → text) beside its model,
   * before the commit; the metadata gets the version's number.
   */
  public Version register(
      PipelineModel model, ModelMetadata metadata, Map<String, String> sideFiles) {
    String name = metadata.name();
    int next = nextVersion(name);
    String path = lake.model(name, Integer.toString(next));
    ModelMetadata committed = metadata.withVersion(next);
    try {
      model.write().save(path + "/" + MODEL);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save model to " + path, e);
    }
    sideFiles.forEach((file, text) -> files.writeString(path + "/" + file, text));
    committed = committed.withModelFiles(modelFiles(path));
    files.writeString(path + "/" + METADATA, committed.toJson());
    return new Version(name, next, path, committed);
  }

  /** The digests of the model's files and of the side files scoring and drift read. */
  private Map<String, String> modelFiles(String path) {
    Map<String, String> out = new java.util.TreeMap<>();
    files
        .sha256Tree(path)
        .forEach(
            (file, digest) -> {
              if (!file.equals(METADATA)) {
                out.put(file, digest);
              }
            });
    return out;
  }

  /** Rewrites the metadata of a committed version (evaluation results, the chosen threshold). */
  public Version updateMetadata(Version version, ModelMetadata metadata) {
    files.writeString(version.path() + "/" + METADATA, metadata.toJson());
    return new Version(version.name(), version.version(), version.path(), metadata);
  }

  /**
   * A version by number or by alias ({@code latest}, {@code champion}); fails naming the model and
   * what exists.
   */
  public Version resolve(String name, String versionOrAlias) {
    List<Integer> versions = versions(name);
    Optional<Integer> chosen;
    if (LATEST.equals(versionOrAlias)) {
      chosen = versions.stream().max(Comparator.naturalOrder());
    } else if (CHAMPION.equals(versionOrAlias)) {
      chosen = alias(name, CHAMPION).map(Alias::version);
    } else if (versionOrAlias.matches("[1-9][0-9]*")) {
      int wanted = Integer.parseInt(versionOrAlias);
      chosen = versions.stream().filter(v -> v == wanted).findFirst();
    } else {
      throw new IllegalArgumentException(
          "model version must be a number, 'latest' or 'champion', got: '" + versionOrAlias + "'");
    }
    int version =
        chosen.orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "model '%s' has no version '%s' in %s; committed versions: %s",
                        name, versionOrAlias, lake.table(Lake.Zone.MODELS, name), versions)));
    String path = lake.model(name, Integer.toString(version));
    String file = path + "/" + METADATA;
    return new Version(name, version, path, ModelMetadata.parse(files.readString(file), file));
  }

  /** An alias of a model (version, and the promotion that set it), if it is set. */
  public Optional<Alias> alias(String name, String alias) {
    String file = aliasFile(name, alias);
    return files.exists(file)
        ? Optional.of(Alias.parse(files.readString(file), file))
        : Optional.empty();
  }

  /** Whether {@code version} is the model's champion. */
  public boolean isChampion(String name, int version) {
    return alias(name, CHAMPION).map(a -> a.version() == version).orElse(false);
  }

  /** Points an alias at a committed version. */
  public void setAlias(String name, Alias alias) {
    if (!versions(name).contains(alias.version())) {
      throw new IllegalArgumentException(
          String.format("model '%s' has no committed version %d to alias", name, alias.version()));
    }
    files.writeString(aliasFile(name, alias.alias()), alias.toJson());
  }

  private String aliasFile(String name, String alias) {
    return lake.table(Lake.Zone.MODELS, name) + "/" + ALIASES + "/" + alias + ".json";
  }

  private int nextVersion(String name) {
    // Uncommitted folders count too: a crashed write's number is never reused.
    return files.childFolders(lake.table(Lake.Zone.MODELS, name)).stream()
            .filter(v -> v.matches("[1-9][0-9]*"))
            .mapToInt(Integer::parseInt)
            .max()
            .orElse(0)
        + 1;
  }
}
