package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code train.search.space { <param> = [values] | { min, max, log } }}: the hyperparameter values
 * a search tries, each checked against the algorithm's range before Spark starts. A grid takes
 * lists only and tries every combination; a random search draws each parameter from its list or
 * range ({@code log = true} draws uniformly in log space, for rates and penalties).
 */
public record SearchSpace(Map<String, List<Object>> lists, Map<String, Range> ranges) {
  /** A numeric range to draw from. */
  public record Range(ParamSpec spec, double min, double max, boolean log) {
    Object draw(Random random) {
      double u = random.nextDouble();
      double v =
          log
              ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
              : min + u * (max - min);
      return spec.kind() == ParamSpec.Kind.INT ? (Object) (int) Math.round(v) : (Object) v;
    }
  }

  public SearchSpace {
    lists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    ranges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
  }

  static SearchSpace from(Settings s, Algorithm algorithm) {
    s.allowOnly(algorithm.params().stream().map(ParamSpec::name).toArray(String[]::new));
    Map<String, List<Object>> lists = new LinkedHashMap<>();
    Map<String, Range> ranges = new LinkedHashMap<>();
    for (String name : s.keys()) {
      ParamSpec spec = algorithm.param(name);
      if (s.isSection(name)) {
        Settings r = s.section(name);
        r.allowOnly("min", "max", "log");
        if (!spec.isNumeric()) {
          throw ConfigException.invalid(s.key(name), s.raw(name), "a list of values");
        }
        double min = ((Number) spec.read(r.single(name, r.raw("min")))).doubleValue();
        double max = ((Number) spec.read(r.single(name, r.raw("max")))).doubleValue();
        if (min >= max) {
          throw ConfigException.invalid(r.key("max"), max, "a number > min (" + min + ")");
        }
        boolean log = r.bool("log", false);
        if (log && min <= 0) {
          throw ConfigException.invalid(r.key("min"), min, "a number > 0 with log = true");
        }
        ranges.put(name, new Range(spec, min, max, log));
      } else {
        List<Object> values = new ArrayList<>();
        for (Object v : s.values(name)) {
          values.add(spec.read(s.single(name, v)));
        }
        if (values.isEmpty()) {
          throw ConfigException.invalid(s.key(name), s.raw(name), "at least one value");
        }
        lists.put(name, values);
      }
    }
    if (lists.isEmpty() && ranges.isEmpty()) {
      throw ConfigException.invalid(s.path(), "{}", "at least one parameter to search");
    }
    return new SearchSpace(lists, ranges);
  }

  /**
   * Every combination of the listed values, in a stable order (the last parameter varies fastest).
   */
  public List<Map<String, Object>> grid() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : e.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** {@code n} seeded random draws (distinct where the space allows). */
  public List<Map<String, Object>> random(int n, long seed) {
    Random random = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    int attempts = 0;
    while (out.size() < n && attempts < n * 20) {
      attempts++;
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
        m.put(e.getKey(), e.getValue().get(random.nextInt(e.getValue().size())));
      }
      for (Map.Entry<String, Range> e : ranges.entrySet()) {
        m.put(e.getKey(), e.getValue().draw(random));
      }
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }
}
