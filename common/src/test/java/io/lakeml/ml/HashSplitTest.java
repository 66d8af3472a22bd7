package io.lakeml.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class HashSplitTest {
  private static final SplitConfig SPLIT = new SplitConfig(0.7, 0.1, 0.2, 42, List.of("id"));

  private static Dataset<Row> rows(int n) {
    return SparkTestSession.get().range(n).selectExpr("id", "id % 7 as x");
  }

  private static List<Long> ids(Dataset<Row> assigned, Split split) {
    return assigned
        .filter("_split = '" + split.configName() + "'")
        .orderBy("id")
        .select("id")
        .as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList();
  }

  @Test
  void sameSeedSameSplitWhateverTheOrderAndPartitioning() {
    Dataset<Row> a = HashSplit.assign(rows(5000), SPLIT);
    Dataset<Row> b =
        HashSplit.assign(
            rows(5000).repartition(7).orderBy(org.apache.spark.sql.functions.rand(3)), SPLIT);
    for (Split s : Split.values()) {
      assertThat(ids(b, s)).as(s.configName()).isEqualTo(ids(a, s));
    }
  }

  @Test
  void everyRowInExactlyOneSplitAtTheConfiguredFractions() {
    Dataset<Row> a = HashSplit.assign(rows(20_000), SPLIT);
    long train = a.filter("_split = 'train'").count();
    long validation = a.filter("_split = 'validation'").count();
    long test = a.filter("_split = 'test'").count();
    assertThat(train + validation + test).isEqualTo(20_000);
    assertThat(train / 20_000.0).isCloseTo(0.7, within(0.015));
    assertThat(validation / 20_000.0).isCloseTo(0.1, within(0.01));
    assertThat(test / 20_000.0).isCloseTo(0.2, within(0.015));
  }

  @Test
  void anotherSeedAnotherSplit() {
    SplitConfig other = new SplitConfig(0.7, 0.1, 0.2, 43, List.of("id"));
    List<Long> a = ids(HashSplit.assign(rows(2000), SPLIT), Split.TEST);
    List<Long> b = ids(HashSplit.assign(rows(2000), other), Split.TEST);
    assertThat(a).isNotEqualTo(b);
  }
}
