package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One declared column: {@code { name, type, nullable, format, min, max, allowed, pattern,
 * allow-non-finite }}. Bounds, allowed values and the pattern (a regular expression the text must
 * match) are row rules: a row that breaks one is quarantined with the reason. A {@code double}
 * rejects {@code NaN}, {@code ±Infinity} and values beyond the type's range (which parse as
 * infinite) unless {@code allow-non-finite = true}.
 */
public record ColumnSpec(
    String name,
    String type,
    boolean nullable,
    Optional<String> format,
    OptionalDouble min,
    OptionalDouble max,
    List<String> allowed,
    Optional<String> pattern,
    boolean allowNonFinite) {
  public static final List<String> TYPES =
      List.of("string", "int", "long", "double", "boolean", "date", "timestamp");

  public ColumnSpec {
    allowed = List.copyOf(allowed);
  }

  public static ColumnSpec from(Settings s) {
    s.allowOnly(
        "name",
        "type",
        "nullable",
        "format",
        "min",
        "max",
        "allowed",
        "pattern",
        "allow-non-finite");
    String name = s.string("name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw ConfigException.invalid(s.key("name"), name, "a column name of letters, digits, '_'");
    }
    String type = s.choice("type", TYPES, "string");
    OptionalDouble min = s.optionalNumber("min");
    OptionalDouble max = s.optionalNumber("max");
    if ((min.isPresent() || max.isPresent()) && !isNumeric(type)) {
      throw ConfigException.invalid(s.key("type"), type, "a numeric type when min or max is set");
    }
    if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      throw ConfigException.invalid(
          s.key("max"), max.getAsDouble(), "a value >= min (" + min.getAsDouble() + ")");
    }
    Optional<String> format = s.optionalString("format");
    if (format.isPresent() && !type.equals("date") && !type.equals("timestamp")) {
      throw ConfigException.invalid(s.key("type"), type, "date or timestamp when a format is set");
    }
    Optional<String> pattern = s.optionalString("pattern");
    if (pattern.isPresent()) {
      try {
        java.util.regex.Pattern.compile(pattern.get());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw ConfigException.invalid(s.key("pattern"), pattern.get(), "a Java regular expression");
      }
    }
    boolean allowNonFinite = s.bool("allow-non-finite", false);
    if (allowNonFinite && !type.equals("double")) {
      throw ConfigException.invalid(
          s.key("allow-non-finite"), true, "a double column (only doubles hold NaN or infinity)");
    }
    return new ColumnSpec(
        name,
        type,
        s.bool("nullable", true),
        format,
        min,
        max,
        s.stringList("allowed"),
        pattern,
        allowNonFinite);
  }

  public DataType sparkType() {
    return switch (type) {
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      case "date" -> DataTypes.DateType;
      case "timestamp" -> DataTypes.TimestampType;
      default -> DataTypes.StringType;
    };
  }

  static boolean isNumeric(String type) {
    return type.equals("int") || type.equals("long") || type.equals("double");
  }
}
