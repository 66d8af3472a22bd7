package io.lakeml.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution of one column, as a baseline saves it and as a batch is counted against it.
 *
 * <p>Numeric: {@code edges} are the baseline's distinct percentiles (0 %, 1 %, ..., 100 %); {@code
 * counts[i]} is the number of values with exactly {@code i} edges below them, so bucket {@code i}
 * holds values in {@code (edges[i-1], edges[i]]}, bucket 0 the minimum and the last bucket anything
 * above the baseline's maximum. Categorical: a count per value (the most frequent {@value
 * #MAX_CATEGORIES} of the baseline; the rest is {@code other}). Nulls are counted apart in both.
 */
public record Distribution(
    String column,
    Kind kind,
    double[] edges,
    long[] counts,
    Map<String, Long> categories,
    long other,
    long nulls) {
  /** Most categories a baseline keeps by name. */
  public static final int MAX_CATEGORIES = 200;

  /** How a column is profiled. */
  public enum Kind {
    NUMERIC,
    CATEGORICAL
  }

  /** Rows counted, nulls included. */
  public long rows() {
    return nonNull() + nulls;
  }

  /** Rows with a value. */
  public long nonNull() {
    if (kind == Kind.NUMERIC) {
      return Arrays.stream(counts).sum();
    }
    return categories.values().stream().mapToLong(Long::longValue).sum() + other;
  }

  /**
   * The bucket of a numeric value against these edges: how many edges lie strictly below it. The
   * same function buckets the baseline and every batch.
   */
  public static int bucket(double[] edges, double value) {
    int i = Arrays.binarySearch(edges, value);
    return i >= 0 ? i : -(i + 1);
  }

  /** The profile as JSON-ready maps. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == Kind.NUMERIC) {
      m.put("edges", Arrays.stream(edges).boxed().toList());
      m.put("counts", Arrays.stream(counts).boxed().toList());
    } else {
      m.put("categories", new LinkedHashMap<>(categories));
      m.put("other", other);
    }
    m.put("nulls", nulls);
    return m;
  }

  /** Reads {@link #toMap()} back. */
  @SuppressWarnings("unchecked")
  public static Distribution fromMap(String column, Map<String, Object> m) {
    long nulls = ((Number) m.get("nulls")).longValue();
    if ("numeric".equals(m.get("kind"))) {
      List<Number> e = (List<Number>) m.get("edges");
      List<Number> c = (List<Number>) m.get("counts");
      return numeric(
          column,
          e.stream().mapToDouble(Number::doubleValue).toArray(),
          c.stream().mapToLong(Number::longValue).toArray(),
          nulls);
    }
    Map<String, Long> categories = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("categories"))
        .forEach((k, v) -> categories.put(k, ((Number) v).longValue()));
    return categorical(column, categories, ((Number) m.get("other")).longValue(), nulls);
  }

  public static Distribution numeric(String column, double[] edges, long[] counts, long nulls) {
    if (counts.length != edges.length + 1) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %d edges need %d counts, got: %d",
              column, edges.length, edges.length + 1, counts.length));
    }
    return new Distribution(column, Kind.NUMERIC, edges, counts, Map.of(), 0, nulls);
  }

  public static Distribution categorical(
      String column, Map<String, Long> categories, long other, long nulls) {
    return new Distribution(
        column, Kind.CATEGORICAL, new double[0], new long[0], categories, other, nulls);
  }

  /** Keeps the most frequent categories by name (ties by name), folding the rest into other. */
  static Distribution topCategories(String column, Map<String, Long> all, long nulls) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(all.entrySet());
    sorted.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> kept = new LinkedHashMap<>();
    long other = 0;
    for (Map.Entry<String, Long> e : sorted) {
      if (kept.size() < MAX_CATEGORIES) {
        kept.put(e.getKey(), e.getValue());
      } else {
        other += e.getValue();
      }
    }
    return categorical(column, kept, other, nulls);
  }
}
