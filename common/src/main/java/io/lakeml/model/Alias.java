package io.lakeml.model;

import io.lakeml.io.Json;
import io.lakeml.ml.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A named pointer to a committed model version ({@code champion}), kept in {@code
 * models/<name>/_aliases/<alias>.json} with the promotion that set it.
 */
public record Alias(String alias, int version, Optional<Promotion> promotion) {
  /** The alias file's content. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alias", alias);
    m.put("version", version);
    promotion.ifPresent(p -> m.putAll(p.toMap(false)));
    return Json.write(m);
  }

  /** Reads an alias file; {@code file} names it in errors. */
  public static Alias parse(String json, String file) {
    JsonFields m = JsonFields.of(Json.readMap(json), file);
    return new Alias(m.string("alias"), m.intValue("version"), Promotion.fromMap(m, true));
  }
}
