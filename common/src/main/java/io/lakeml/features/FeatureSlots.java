package io.lakeml.features;

import io.lakeml.ml.ModelColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.types.StructType;

/**
 * What each slot of the feature vector holds, in words a reader knows: named from the ML attributes
 * Spark keeps on the vector (one-hot slots after their category), cleaned of lakeml's internal
 * column prefixes. The report's weights and scoring's reasons both name slots this way.
 */
public final class FeatureSlots {
  private FeatureSlots() {}

  /** Slot names of the feature vector, readable; {@code f<i>} where Spark kept none. */
  public static List<String> names(StructType schema, int size, List<String> numeric) {
    List<String> out = new ArrayList<>();
    Attribute[] attrs = null;
    try {
      AttributeGroup group = AttributeGroup.fromStructField(schema.apply(ModelColumns.FEATURES));
      attrs = group.attributes().isDefined() ? group.attributes().get() : null;
    } catch (RuntimeException e) {
      attrs = null;
    }
    for (int i = 0; i < size; i++) {
      String name =
          attrs != null && i < attrs.length && attrs[i].name().isDefined()
              ? attrs[i].name().get()
              : "f" + i;
      out.add(readable(FeatureAssembler.categoryName(name), numeric));
    }
    return out;
  }

  /**
   * {@code _scaled_age} → age; {@code _onehot_index_state_OH} → state = OH; {@code
   * _numeric_scaled_3} (models fitted before lakeml scaled column by column) → the fourth numeric
   * feature.
   */
  public static String readable(String name, List<String> numeric) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("_numeric_(?:scaled|vector)_(\\d+)").matcher(name);
    if (m.matches()) {
      int i = Integer.parseInt(m.group(1));
      return i < numeric.size() ? numeric.get(i) : name;
    }
    for (String prefix :
        List.of("_onehot_index_", "_onehot_bin_", "_index_", "_bin_", "_imputed_", "_scaled_")) {
      if (name.startsWith(prefix)) {
        String rest = name.substring(prefix.length());
        return prefix.contains("onehot") ? oneHot(rest, prefix.contains("bin")) : rest;
      }
    }
    return name;
  }

  private static String oneHot(String rest, boolean bin) {
    int cut = rest.lastIndexOf('_');
    if (cut <= 0) {
      return rest;
    }
    return rest.substring(0, cut) + (bin ? " bin " : " = ") + rest.substring(cut + 1);
  }
}
